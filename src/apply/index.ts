export {
  OWNER_LABEL,
  OWNER_ANNOTATION,
  MANAGED_BY_LABEL,
  PRUNE_ANNOTATION,
  FORCE_ANNOTATION,
  formatOwner,
  ownerLabelValue,
  type OwnerIdentity,
} from './owner-identity.js';
export { DEFAULT_INVENTORY_NAMESPACE, type InventoryLocation } from './inventory-store.js';
export type { Inventory, InventoryEntry } from './inventory.js';

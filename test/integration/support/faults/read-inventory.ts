import { gunzipSync } from 'node:zlib';
import type { KubeClient } from '../../../../src/cluster/index.js';
import { decodeInventory, type Inventory } from '../../../../src/apply/inventory.js';
import { defaultInventoryLocation, DEFAULT_INVENTORY_NAMESPACE } from '../../../../src/apply/inventory-store.js';
import type { OwnerIdentity } from '../../../../src/apply/owner-identity.js';

/** The inventory ConfigMap of `owner` as stored: its `data.count` and decoded entries, or `undefined`. */
export interface StoredInventoryView {
  readonly count: number;
  readonly revision: string;
  readonly inventory: Inventory;
}

/** Reads and decodes the inventory of `owner` (in `namespace`, default `syncprims-system`). */
export async function readInventory(client: KubeClient, owner: OwnerIdentity, namespace = DEFAULT_INVENTORY_NAMESPACE): Promise<StoredInventoryView | undefined> {
  const location = defaultInventoryLocation(owner, namespace);
  const live = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: location.namespace, name: location.name });
  if (!live) return undefined;
  const data = (live as { data?: Record<string, string> }).data ?? {};
  const encoded = (live as { binaryData?: Record<string, string> }).binaryData?.['inventory.json.gz'];
  if (encoded === undefined) throw new Error(`inventory ${location.namespace}/${location.name} has no inventory.json.gz`);
  const inventory = decodeInventory(JSON.parse(gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8')));
  if (!inventory) throw new Error(`inventory ${location.namespace}/${location.name} does not decode`);
  return { count: Number(data['count']), revision: data['revision'] ?? '', inventory };
}

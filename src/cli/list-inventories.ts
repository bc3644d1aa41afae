import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { KubeClient } from '../cluster/kube-client.js';
import { DEFAULT_INVENTORY_NAMESPACE } from '../apply/inventory-store.js';
import { OWNER_ANNOTATION } from '../apply/owner-identity.js';

/** One SDK sync found through its inventory ConfigMap. */
export interface InventoryRow {
  /** The sync's name (from the owner annotation; the ConfigMap's name when that is missing). */
  readonly name: string;
  /** `Sync`, `RemoteSync`, ... (`-` when unknown). */
  readonly kind: string;
  /** The namespace of the owning custom resource, for controller-made inventories. */
  readonly ownerNamespace?: string;
  /** The inventory ConfigMap. */
  readonly configMap: string;
  /** The revision last applied completely (`''` when none yet). */
  readonly revision: string;
  /** Objects in the inventory, when recorded. */
  readonly objects?: number;
  /** `metadata.creationTimestamp`, when known. */
  readonly createdAt?: string;
}

/** The label every inventory ConfigMap carries. */
export const INVENTORY_LABEL_SELECTOR = 'syncprims.dev/inventory=true';

/** The parts of an inventory ConfigMap the table shows (it comes from the cluster: untrusted). */
const InventoryConfigMapCodec = t.type({
  metadata: t.intersection([
    t.type({ name: t.string }),
    t.partial({ creationTimestamp: t.string, annotations: t.record(t.string, t.string) }),
  ]),
  data: t.union([t.undefined, t.partial({ revision: t.string, count: t.string })]),
});

/** Splits an owner annotation `scope/Kind/namespace/name` (leading empty parts dropped). */
function parseOwner(value: string | undefined): { kind: string; namespace?: string; name: string } | undefined {
  if (!value) return undefined;
  const parts = value.split('/');
  if (parts.length < 3) return undefined;
  const name = parts[parts.length - 1]!;
  const namespace = parts[parts.length - 2]!;
  const kind = parts[parts.length - 3]!;
  if (!name || !kind) return undefined;
  return namespace ? { kind, namespace, name } : { kind, name };
}

/** Turns inventory ConfigMaps into table rows, sorted by name; objects that do not decode are skipped. */
export function inventoryRows(items: readonly unknown[]): InventoryRow[] {
  const rows: InventoryRow[] = [];
  for (const item of items) {
    const decoded = InventoryConfigMapCodec.decode(item);
    if (isLeft(decoded)) continue;
    const { metadata, data } = decoded.right;
    const owner = parseOwner(metadata.annotations?.[OWNER_ANNOTATION]);
    const count = data?.count !== undefined && /^[0-9]+$/.test(data.count) ? Number(data.count) : undefined;
    rows.push({
      name: owner?.name ?? metadata.name,
      kind: owner?.kind ?? '-',
      ...(owner?.namespace ? { ownerNamespace: owner.namespace } : {}),
      configMap: metadata.name,
      revision: data?.revision ?? '',
      ...(count !== undefined ? { objects: count } : {}),
      ...(metadata.creationTimestamp ? { createdAt: metadata.creationTimestamp } : {}),
    });
  }
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.configMap < b.configMap ? -1 : 1));
}

/** Lists the SDK inventories (ConfigMaps labelled `syncprims.dev/inventory=true` in `syncprims-system`). */
export async function listInventories(client: KubeClient, signal: AbortSignal): Promise<InventoryRow[]> {
  const { items } = await client.list('v1', 'ConfigMap', { namespace: DEFAULT_INVENTORY_NAMESPACE, labelSelector: INVENTORY_LABEL_SELECTOR, signal });
  return inventoryRows(items);
}

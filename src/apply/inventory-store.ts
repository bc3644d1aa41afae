import { gzipSync, gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { KubeClient } from '../cluster/kube-client.js';
import type { KubeObject } from '../core/object-ref.js';
import { InventoryError, isSyncError } from '../core/sync-error.js';
import { decodeInventory, emptyInventory, type Inventory } from './inventory.js';
import { formatOwner, ownerLabelValue, OWNER_LABEL, OWNER_ANNOTATION, MANAGED_BY_LABEL, type OwnerIdentity } from './owner-identity.js';

/** Where a sync keeps its inventory. */
export interface InventoryLocation {
  /** Namespace of the inventory ConfigMap. Created when missing. @default 'syncprims-system' */
  readonly namespace: string;
  /** Name of the inventory ConfigMap. */
  readonly name: string;
}

/** The default namespace of inventories kept by SDK syncs. */
export const DEFAULT_INVENTORY_NAMESPACE = 'syncprims-system';

const DATA_KEY = 'inventory.json.gz';

/** Label on every inventory ConfigMap (value `true`). */
export const INVENTORY_LABEL = 'syncprims.dev/inventory';

/**
 * The default inventory location of an owner: `<kind>-<name>-<hash8>` (lowercase, at most 253
 * characters) in {@link DEFAULT_INVENTORY_NAMESPACE}. The hash keeps two owners with the same
 * name apart.
 */
export function defaultInventoryLocation(owner: OwnerIdentity, namespace = DEFAULT_INVENTORY_NAMESPACE): InventoryLocation {
  const hash = createHash('sha256').update(formatOwner(owner)).digest('hex').slice(0, 8);
  const base = `${owner.kind}-${owner.name}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-').slice(0, 240);
  return { namespace, name: `${base}-${hash}` };
}

/** An inventory read from the cluster, with the version needed to write it back safely. */
export interface StoredInventory {
  readonly inventory: Inventory;
  /** `metadata.resourceVersion` of the ConfigMap, absent when it does not exist yet. */
  readonly resourceVersion?: string;
}

/**
 * Reads and writes a sync's inventory: a ConfigMap in the target cluster holding the gzip'd
 * JSON list of the objects the sync owns, so a new process prunes correctly after a restart.
 *
 * Writes use optimistic concurrency (`resourceVersion`): two passes of the same sync from two
 * processes never silently overwrite each other (`INVENTORY_CONFLICT`, retryable).
 */
export class InventoryStore {
  constructor(
    private readonly client: KubeClient,
    private readonly owner: OwnerIdentity,
    readonly location: InventoryLocation,
  ) {}

  private ref() {
    return { apiVersion: 'v1', kind: 'ConfigMap', namespace: this.location.namespace, name: this.location.name } as const;
  }

  /** Reads the inventory; an empty one when the ConfigMap does not exist. */
  async read(signal?: AbortSignal): Promise<StoredInventory> {
    const live = await this.client.get(this.ref(), signal ? { signal } : {});
    if (!live) return { inventory: emptyInventory };
    const rv = live.metadata.resourceVersion;
    const encoded = (live as { binaryData?: Record<string, string> }).binaryData?.[DATA_KEY];
    let inventory: Inventory | undefined;
    if (encoded !== undefined) {
      try {
        inventory = decodeInventory(JSON.parse(gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8')));
      } catch {
        inventory = undefined;
      }
    }
    if (!inventory) {
      throw new InventoryError('INVENTORY_CORRUPT', `inventory ConfigMap ${this.location.namespace}/${this.location.name} is not readable; fix or delete it`, {
        ref: this.ref(),
      });
    }
    return rv === undefined ? { inventory } : { inventory, resourceVersion: rv };
  }

  /**
   * Writes the inventory, creating the ConfigMap (and its namespace) when needed.
   * `previous` is what {@link InventoryStore.read} returned; a concurrent change in between
   * fails with `INVENTORY_CONFLICT`.
   */
  async write(inventory: Inventory, previous: StoredInventory, signal?: AbortSignal): Promise<StoredInventory> {
    const opts = signal ? { signal } : {};
    const body: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: this.location.name,
        namespace: this.location.namespace,
        labels: { [OWNER_LABEL]: ownerLabelValue(this.owner), [MANAGED_BY_LABEL]: 'syncprims', [INVENTORY_LABEL]: 'true' },
        annotations: { [OWNER_ANNOTATION]: formatOwner(this.owner) },
      },
      data: { revision: inventory.revision, count: String(inventory.entries.length) },
      binaryData: { [DATA_KEY]: gzipSync(JSON.stringify(inventory)).toString('base64') },
    };
    try {
      let written: KubeObject;
      if (previous.resourceVersion === undefined) {
        written = await this.create(body, signal);
      } else {
        body.metadata.resourceVersion = previous.resourceVersion;
        written = await this.client.replace(body, opts);
      }
      const rv = written.metadata.resourceVersion;
      return rv === undefined ? { inventory } : { inventory, resourceVersion: rv };
    } catch (err) {
      if (isSyncError(err) && (err.code === 'CONFLICT_VERSION' || err.code === 'ALREADY_EXISTS')) {
        throw new InventoryError('INVENTORY_CONFLICT', `inventory ${this.location.namespace}/${this.location.name} was changed by another process during this pass`, {
          ref: this.ref(),
          retryable: true,
          cause: err,
        });
      }
      throw err;
    }
  }

  /** Deletes the inventory ConfigMap (after a teardown). */
  async remove(signal?: AbortSignal): Promise<void> {
    await this.client.delete(this.ref(), signal ? { signal } : {});
  }

  /** Creates the ConfigMap; creates its namespace only when the server says it is missing (no namespace read needed). */
  private async create(body: KubeObject, signal?: AbortSignal): Promise<KubeObject> {
    const opts = signal ? { signal } : {};
    try {
      return await this.client.create(body, opts);
    } catch (err) {
      if (!(isSyncError(err) && err.code === 'NOT_FOUND')) throw err;
    }
    try {
      await this.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: this.location.namespace, labels: { [MANAGED_BY_LABEL]: 'syncprims' } } }, opts);
    } catch (err) {
      if (!(isSyncError(err) && err.code === 'ALREADY_EXISTS')) throw err;
    }
    return this.client.create(body, opts);
  }
}

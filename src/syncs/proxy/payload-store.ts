import type { KubeClient } from '../../cluster/index.js';
import type { KubeObject, ObjectRef } from '../../core/object-ref.js';
import type { Change } from '../../core/sync-result.js';
import { isSyncError } from '../../core/sync-error.js';
import { OWNER_LABEL, ownerLabelValue, withOwnership, type OwnerIdentity } from '../../apply/owner-identity.js';
import { PAYLOAD_KEY, type PayloadChunk } from './chunk-payload.js';

/** Label on every payload ConfigMap: marks it as a ProxySync payload chunk. */
export const PAYLOAD_LABEL = 'syncprims.dev/payload';

/** What the store needs to know about the ProxySync it serves. */
export interface PayloadStoreOptions {
  readonly client: KubeClient;
  /** The remote Sync's namespace, where the chunks live. */
  readonly namespace: string;
  readonly owner: OwnerIdentity;
  readonly fieldManager: string;
}

function dataOf(obj: KubeObject): string | undefined {
  const data = obj['data'];
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[PAYLOAD_KEY];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The payload ConfigMaps of one ProxySync in the remote cluster: immutable, content-addressed
 * (`<remoteName>-payload-<hash>`), labelled with the ProxySync's ownership label, so they are
 * listed in one request and a chunk already there with the same content costs no write.
 */
export class PayloadStore {
  private readonly options: PayloadStoreOptions;

  constructor(options: PayloadStoreOptions) {
    this.options = options;
  }

  /** The reference of a chunk's ConfigMap. */
  refOf(name: string): ObjectRef {
    return { apiVersion: 'v1', kind: 'ConfigMap', namespace: this.options.namespace, name };
  }

  /** The ConfigMap of a chunk, as applied. */
  objectOf(chunk: PayloadChunk): KubeObject {
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: chunk.name, namespace: this.options.namespace, labels: { [PAYLOAD_LABEL]: 'chunk' } },
      immutable: true,
      data: { [PAYLOAD_KEY]: chunk.text },
    };
    return withOwnership(obj, this.options.owner);
  }

  /** Lists the chunks this ProxySync owns, by name. A missing namespace lists nothing. */
  async list(signal?: AbortSignal): Promise<Map<string, KubeObject>> {
    const selector = `${OWNER_LABEL}=${ownerLabelValue(this.options.owner)},${PAYLOAD_LABEL}`;
    const { items } = await this.options.client.list('v1', 'ConfigMap', { namespace: this.options.namespace, labelSelector: selector, ...(signal ? { signal } : {}) });
    return new Map(items.map((o) => [o.metadata.name, o] as const));
  }

  /**
   * Writes the chunks that are missing or differ (someone replaced one by hand) and reports each
   * as created, configured or unchanged. With `dryRun`, only plans. A chunk of the same name
   * with other content is deleted and created again (they are immutable).
   */
  async write(chunks: readonly PayloadChunk[], live: ReadonlyMap<string, KubeObject>, dryRun: boolean, signal?: AbortSignal): Promise<Change[]> {
    const { client, fieldManager } = this.options;
    const opts = signal ? { signal } : {};
    const changes: Change[] = [];
    for (const chunk of chunks) {
      const ref = this.refOf(chunk.name);
      const current = live.get(chunk.name) ?? (await client.get(ref, opts));
      if (current && dataOf(current) === chunk.text && current.metadata.labels?.[OWNER_LABEL] === ownerLabelValue(this.options.owner)) {
        changes.push({ ref, action: 'unchanged' });
        continue;
      }
      if (dryRun) {
        changes.push(current ? { ref, action: 'configured', reason: 'content differs from its name: recreated' } : { ref, action: 'created' });
        continue;
      }
      if (current && dataOf(current) !== chunk.text) {
        await client.delete(ref, { ...opts, ...(current.metadata.uid ? { uid: current.metadata.uid } : {}) });
      }
      const res = await client.apply(this.objectOf(chunk), { fieldManager, force: true, ...opts });
      changes.push({ ref, action: res.created ? 'created' : 'configured' });
    }
    return changes;
  }

  /** Deletes (or, with `dryRun`, plans deleting) the owned chunks not in `keep`. */
  async prune(keep: ReadonlySet<string>, live: ReadonlyMap<string, KubeObject>, dryRun: boolean, signal?: AbortSignal): Promise<Change[]> {
    const changes: Change[] = [];
    for (const [name, obj] of live) {
      if (keep.has(name)) continue;
      const ref = this.refOf(name);
      if (!dryRun) {
        try {
          await this.options.client.delete(ref, { ...(signal ? { signal } : {}), ...(obj.metadata.uid ? { uid: obj.metadata.uid } : {}) });
        } catch (err) {
          if (!(isSyncError(err) && (err.code === 'NOT_FOUND' || err.code === 'CONFLICT_VERSION'))) throw err;
        }
      }
      changes.push({ ref, action: 'pruned' });
    }
    return changes;
  }
}

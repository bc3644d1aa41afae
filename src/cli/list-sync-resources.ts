import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { API_VERSION, KINDS, type SyncKind } from '../api/group.js';
import type { KubeClient } from '../cluster/kube-client.js';
import { isSyncError } from '../core/sync-error.js';

/** One `Sync`/`RemoteSync`/`ProxySync` custom resource, as the status table shows it. */
export interface SyncResourceRow {
  readonly kind: SyncKind;
  readonly namespace: string;
  readonly name: string;
  /** The `Ready` condition's status: `True`, `False`, `Unknown`, or `-` when absent. */
  readonly ready: string;
  /** The `Ready` condition's message, else `status.message`. */
  readonly message: string;
  /** True while `status.observedGeneration` lags `metadata.generation` (the status is stale). */
  readonly stale: boolean;
  readonly createdAt?: string;
}

/** What the cluster has: whether the CRDs are installed, and the resources. */
export interface SyncResources {
  /** False when the cluster does not serve the syncprims kinds. */
  readonly installed: boolean;
  readonly rows: readonly SyncResourceRow[];
}

/** The parts of a custom resource the table shows (from the cluster: untrusted). */
const ResourceCodec = t.type({
  metadata: t.intersection([
    t.type({ name: t.string }),
    t.partial({ namespace: t.string, creationTimestamp: t.string, generation: t.number }),
  ]),
  status: t.union([
    t.undefined,
    t.partial({
      observedGeneration: t.number,
      message: t.string,
      conditions: t.array(t.intersection([t.type({ type: t.string, status: t.string }), t.partial({ message: t.string })])),
    }),
  ]),
});

/** Turns custom resources of one kind into table rows; objects that do not decode are skipped. */
export function syncResourceRows(kind: SyncKind, items: readonly unknown[]): SyncResourceRow[] {
  const rows: SyncResourceRow[] = [];
  for (const item of items) {
    const decoded = ResourceCodec.decode(item);
    if (isLeft(decoded)) continue;
    const { metadata, status } = decoded.right;
    const ready = status?.conditions?.find((c) => c.type === 'Ready');
    const observed = status?.observedGeneration;
    rows.push({
      kind,
      namespace: metadata.namespace ?? '',
      name: metadata.name,
      ready: ready?.status ?? '-',
      message: ready?.message || status?.message || '',
      stale: metadata.generation !== undefined && (observed === undefined || observed < metadata.generation),
      ...(metadata.creationTimestamp ? { createdAt: metadata.creationTimestamp } : {}),
    });
  }
  return rows;
}

/**
 * Lists the syncprims custom resources of every kind, in `namespace` or all namespaces,
 * sorted by namespace, kind and name. `installed: false` when the cluster does not serve the
 * kinds (the CRDs are not installed).
 */
export async function listSyncResources(client: KubeClient, namespace: string | undefined, signal: AbortSignal): Promise<SyncResources> {
  const rows: SyncResourceRow[] = [];
  for (const kind of KINDS) {
    try {
      const { items } = await client.list(API_VERSION, kind, { signal, ...(namespace !== undefined ? { namespace } : {}) });
      rows.push(...syncResourceRows(kind, items));
    } catch (err) {
      if (isSyncError(err) && err.code === 'UNKNOWN_KIND') {
        if (kind === KINDS[0]) return { installed: false, rows: [] };
        continue;
      }
      throw err;
    }
  }
  const key = (r: SyncResourceRow): string => `${r.namespace}\u0000${KINDS.indexOf(r.kind)}\u0000${r.name}`;
  return { installed: true, rows: rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
}

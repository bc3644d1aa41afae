import type { KubeObject } from '../core/object-ref.js';
import { refOf } from '../core/object-ref.js';
import { isSyncError } from '../core/sync-error.js';
import type { KubeClient } from '../cluster/kube-client.js';
import type { SyncKind } from '../api/group.js';
import { decodeStatus } from '../api/decode-status.js';
import type { SyncStatus } from '../api/status.js';
import { canonicalJson } from '../manifests/canonical-json.js';
import { EMPTY_STATUS } from './next-status.js';

/** Reads the status of a custom resource (untrusted input); the empty status when absent or unreadable. */
export function readStatus(kind: SyncKind, obj: KubeObject): SyncStatus {
  const decoded = decodeStatus(kind, obj);
  return decoded.ok ? decoded.status : EMPTY_STATUS;
}

/**
 * Writes `status` through the status subresource (PUT `.../status`) when `update` changes it,
 * with optimistic concurrency: on a conflict it reads the object again and applies `update` to
 * the fresh status (so `lastTransitionTime`s stay right). An unchanged status costs no request.
 *
 * Resolves with the object as written (or as read, when nothing changed; `undefined` when it
 * is gone) and whether a write was made. Errors: the client's `SyncError` other than conflicts
 * and `NOT_FOUND`.
 */
export async function writeStatus(
  client: Pick<KubeClient, 'get' | 'replaceStatus'>,
  kind: SyncKind,
  obj: KubeObject,
  update: (previous: SyncStatus) => SyncStatus,
  signal: AbortSignal,
): Promise<{ object: KubeObject | undefined; written: boolean }> {
  let current: KubeObject | undefined = obj;
  for (let attempt = 0; current && attempt < 5; attempt++) {
    const previous = readStatus(kind, current);
    const next = update(previous);
    if (canonicalJson(next) === canonicalJson(previous) && current['status'] !== undefined) return { object: current, written: false };
    try {
      return { object: await client.replaceStatus({ ...current, status: next }, { signal }), written: true };
    } catch (err) {
      if (isSyncError(err) && err.code === 'NOT_FOUND') return { object: undefined, written: false };
      if (!(isSyncError(err) && err.code === 'CONFLICT_VERSION')) throw err;
      current = await client.get(refOf(current), { signal });
    }
  }
  return { object: current, written: false };
}

import type { KubeClient } from '../../cluster/index.js';
import type { KubeObject, ObjectRef } from '../../core/object-ref.js';
import { isSyncError, type SyncError } from '../../core/sync-error.js';
import { sleep, throwIfAborted } from '../../core/abort.js';
import { API_VERSION } from '../../api/group.js';
import { decodeStatus } from '../../api/decode-status.js';
import { judgeRemoteSync, type RemoteVerdict } from './judge-remote-sync.js';

/** Options of {@link waitForRemoteSync}. */
export interface WaitForRemoteSyncOptions {
  readonly client: Pick<KubeClient, 'get' | 'watch'>;
  readonly ref: ObjectRef;
  /** The generation the management side wrote. */
  readonly generation: number;
  /** The object as last read or applied: judged first, and the watch starts after its resourceVersion. */
  readonly initial: KubeObject;
  /** When to give up (epoch milliseconds). */
  readonly deadline: number;
  readonly signal?: AbortSignal;
  /** Called with every new version seen and the verdict on it (progress reporting). */
  readonly onSeen?: (obj: KubeObject, verdict: RemoteVerdict) => void;
}

/** How {@link waitForRemoteSync} ended. */
export type RemoteWaitOutcome =
  | { readonly type: 'ready' | 'stalled'; readonly object: KubeObject; readonly verdict: RemoteVerdict }
  | { readonly type: 'deleted' }
  | { readonly type: 'timeout'; readonly object: KubeObject; readonly verdict: RemoteVerdict; readonly lastError?: SyncError };

/** The verdict on one version of the remote Sync; an unreadable status is pending. */
export function verdictOf(obj: KubeObject, generation: number): RemoteVerdict {
  const decoded = decodeStatus('Sync', obj);
  if (!decoded.ok) return { phase: 'pending', reason: 'UnreadableStatus', message: `the remote status does not decode: ${decoded.path}: ${decoded.message}` };
  return judgeRemoteSync(decoded.status, generation);
}

const DONE = Symbol('done');

/**
 * Waits, by **watch**, until the remote Sync is ready at `generation`, stalls, is deleted, or the
 * deadline passes. Watch-driven: a status change is noticed as the event arrives, with no
 * polling; the watch is resumed after the last resourceVersion seen when the server ends it,
 * re-read after a 410, and retried every second after a connection loss until the deadline.
 *
 * Errors: rejects with the signal's reason when aborted and with non-retryable `SyncError`s
 * (`FORBIDDEN`, ...). Connection failures end in `timeout` with `lastError` once the deadline passes.
 */
export async function waitForRemoteSync(options: WaitForRemoteSyncOptions): Promise<RemoteWaitOutcome> {
  const { client, ref, generation, deadline, signal, onSeen } = options;
  let latest = options.initial;
  let verdict = verdictOf(latest, generation);
  let lastError: SyncError | undefined;
  let outcome: RemoteWaitOutcome | undefined;

  const judge = (obj: KubeObject): boolean => {
    latest = obj;
    verdict = verdictOf(obj, generation);
    onSeen?.(obj, verdict);
    if (verdict.phase === 'ready' || verdict.phase === 'stalled') outcome = { type: verdict.phase, object: obj, verdict };
    return outcome !== undefined;
  };
  if (judge(latest)) return outcome!;
  const timedOut = (): RemoteWaitOutcome => ({ type: 'timeout', object: latest, verdict, ...(lastError ? { lastError } : {}) });

  let reread = false;
  for (;;) {
    throwIfAborted(signal);
    const remaining = deadline - Date.now();
    if (remaining <= 0) return timedOut();
    const local = new AbortController();
    const timer = setTimeout(() => local.abort(DONE), remaining);
    const onAbort = (): void => local.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (reread) {
        const fresh = await client.get(ref, { signal: local.signal });
        if (!fresh) return { type: 'deleted' };
        if (judge(fresh)) return outcome!;
        reread = false;
      }
      await client.watch(
        API_VERSION,
        'Sync',
        {
          ...(ref.namespace ? { namespace: ref.namespace } : {}),
          fieldSelector: `metadata.name=${ref.name}`,
          ...(latest.metadata.resourceVersion ? { resourceVersion: latest.metadata.resourceVersion } : {}),
          timeoutSeconds: Math.min(300, Math.ceil(remaining / 1000) + 1),
          signal: local.signal,
        },
        (event) => {
          if (event.type === 'DELETED') outcome = { type: 'deleted' };
          else judge(event.object);
          if (outcome) local.abort(DONE);
        },
      );
      // The server ended the watch: resume after the last resourceVersion seen.
    } catch (err) {
      if (outcome) return outcome;
      if (signal?.aborted) throw signal.reason;
      if (local.signal.aborted && local.signal.reason === DONE) return timedOut();
      if (!isSyncError(err)) throw err;
      if (err.code === 'GONE') {
        reread = true;
      } else if (err.retryable) {
        lastError = err;
        reread = true;
        await sleep(Math.max(0, Math.min(1000, deadline - Date.now())), signal);
      } else {
        throw err;
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (outcome) return outcome;
  }
}

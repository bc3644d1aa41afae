import type { KubeClient } from '../../cluster/index.js';
import type { ObjectRef } from '../../core/object-ref.js';
import { waitUntilGone } from '../../apply/wait-until-gone.js';

const TIMED_OUT = Symbol('timed out');

/**
 * Waits (by watch) until the object is gone, at most `timeoutMs`: resolves `true` when gone,
 * `false` when the time ran out.
 *
 * Errors: rejects with the signal's reason when aborted, and with the client's errors.
 */
export async function waitUntilGoneWithin(client: KubeClient, ref: ObjectRef, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const local = new AbortController();
  const timer = setTimeout(() => local.abort(TIMED_OUT), timeoutMs);
  const onAbort = (): void => local.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await waitUntilGone(client, ref, local.signal);
    return true;
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    if (local.signal.aborted && local.signal.reason === TIMED_OUT) return false;
    throw err;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

import type { SyncResult } from '../core/sync-result.js';
import { BlockedError } from '../core/sync-error.js';

/** Chains longer than this many `blocked by` links are shortened to the first and the last. */
export const MAX_BLOCKED_CHAIN = 4;

/**
 * The result of a node that did not run because `blocker` ended not ready: state `blocked`,
 * a `BlockedError` (code `BLOCKED`) whose message names the chain,
 * `blocked by app: blocked by crds: CRD foo not established`. `root` is the node that failed
 * (where the chain ends) and `depth` the number of links from this node to it (1 when the
 * blocker is the root); past {@link MAX_BLOCKED_CHAIN} links the middle is elided so messages
 * stay short on long chains. `retryable` and `ref` come from the root's error.
 */
export function blockedResult(name: string, blocker: SyncResult, root: SyncResult, depth: number): SyncResult {
  const message =
    depth <= MAX_BLOCKED_CHAIN
      ? `blocked by ${blocker.name}: ${blocker.message}`
      : `blocked by ${blocker.name}: … ${depth - 2} more … blocked by ${root.name}: ${root.message}`;
  const error = new BlockedError('BLOCKED', message, {
    retryable: root.error?.retryable ?? true,
    ...(blocker.error ? { cause: blocker.error } : {}),
    ...(root.error?.ref ? { ref: root.error.ref } : {}),
  });
  return { name, ready: false, state: 'blocked', changes: [], revision: '', message, error, durationMs: 0 };
}

/** The result of a node left unstarted because `cause` ended not ready and `failFast` is set. */
export function stoppedResult(name: string, cause: SyncResult): SyncResult {
  const message = `not started: ${cause.name} ended ${cause.state} and failFast is set`;
  const error = new BlockedError('BLOCKED', message, {
    retryable: cause.error?.retryable ?? true,
    ...(cause.error ? { cause: cause.error } : {}),
  });
  return { name, ready: false, state: 'blocked', changes: [], revision: '', message, error, durationMs: 0 };
}

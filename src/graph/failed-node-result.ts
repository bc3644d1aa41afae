import type { SyncResult } from '../core/sync-result.js';
import { SyncError, isSyncError } from '../core/sync-error.js';
import { INVALID_RESULT } from './check-node-result.js';

/** Why a node failed without a result of its own: it rejected, or resolved with an invalid result. */
export type NodeFailure = { readonly rejected: unknown } | { readonly invalid: string };

/**
 * The result of a node whose `sync()`/`delete()` rejected (a bug in the syncer, not an abort)
 * or resolved with something that is not a `SyncResult`: state `failed`, with a `SyncError`
 * that keeps the original's `code`, `ref` and `retryable` when it was one (code
 * `INVALID_RESULT` otherwise) and the original as `cause`.
 */
export function failedNodeResult(name: string, failure: NodeFailure, step: 'sync' | 'delete', startedAt: number): SyncResult {
  let error: SyncError;
  if ('invalid' in failure) {
    error = new SyncError(INVALID_RESULT, `${step}() resolved with an invalid SyncResult: ${failure.invalid}`);
  } else if (isSyncError(failure.rejected)) {
    const cause = failure.rejected;
    error = new SyncError(cause.code, `${step}() rejected: ${cause.message}`, {
      cause,
      retryable: cause.retryable,
      ...(cause.ref ? { ref: cause.ref } : {}),
    });
  } else {
    const cause = failure.rejected;
    const detail = cause instanceof Error ? cause.message : 'a non-Error value';
    error = new SyncError(INVALID_RESULT, `${step}() rejected: ${detail}`, { cause });
  }
  return {
    name,
    ready: false,
    state: 'failed',
    changes: [],
    revision: '',
    message: error.message,
    error,
    durationMs: Date.now() - startedAt,
  };
}

import type { ResultInit } from '../../core/base-syncer.js';
import type { ObjectRef } from '../../core/object-ref.js';
import { ReadinessError, SyncError } from '../../core/sync-error.js';
import type { RemoteWaitOutcome } from './wait-for-remote-sync.js';

/** Milliseconds for messages: `3s`, `1.5s`. */
export function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

/**
 * How the wait for a remote Sync ended, as the fields of a ProxySync result (pure): `ready` with
 * the remote message; `failed` with `NOT_READY` (not retryable) when the remote stalled;
 * `failed` with `NOT_FOUND` when it was deleted meanwhile; `timeout` with `TIMEOUT`, naming
 * what the remote was waiting for and the last connection error.
 *
 * @param where names the remote Sync for messages: `remote Sync <ns>/<name> in <cluster>`.
 */
export function outcomeResult(outcome: RemoteWaitOutcome, ref: ObjectRef, where: string, timeoutMs: number): Omit<ResultInit, 'startedAt'> {
  switch (outcome.type) {
    case 'ready':
      return { state: 'ready', message: `${where} ready: ${outcome.verdict.message}` };
    case 'stalled': {
      const error = new ReadinessError('NOT_READY', `${where} stalled (${outcome.verdict.reason}): ${outcome.verdict.message}`, { ref });
      return { state: 'failed', message: error.message, error, notReady: [{ ref, reason: outcome.verdict.message }] };
    }
    case 'deleted': {
      const error = new SyncError('NOT_FOUND', `${where} was deleted while waiting for it`, { ref, retryable: true });
      return { state: 'failed', message: error.message, error };
    }
    case 'timeout': {
      const last = outcome.lastError ? ` (last error: ${outcome.lastError.message})` : '';
      const error = new ReadinessError('TIMEOUT', `${where} not ready after ${formatSeconds(timeoutMs)}: ${outcome.verdict.message}${last}`, {
        ref,
        retryable: true,
        ...(outcome.lastError ? { cause: outcome.lastError } : {}),
      });
      return { state: 'timeout', message: error.message, error, notReady: [{ ref, reason: outcome.verdict.message }] };
    }
  }
}

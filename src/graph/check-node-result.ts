import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { Syncer } from '../core/syncer.js';
import type { SyncResult } from '../core/sync-result.js';
import { SyncError, isSyncError } from '../core/sync-error.js';
import { describeDecodeError } from '../cluster/describe-decode-error.js';

const refCodec = t.type({ apiVersion: t.string, kind: t.string, name: t.string });
const actionCodec = t.keyof({ created: null, configured: null, unchanged: null, pruned: null, skipped: null });
const stateCodec = t.keyof({ ready: null, failed: null, blocked: null, timeout: null, planned: null });

/** The parts of a {@link SyncResult} the dag relies on: what a custom syncer must return. */
const nodeResultCodec = t.type({
  name: t.string,
  ready: t.boolean,
  state: stateCodec,
  changes: t.array(t.type({ ref: refCodec, action: actionCodec })),
  revision: t.string,
  message: t.string,
});

/** Code of a node result that is not a valid `SyncResult`, or of a `sync()` that rejected. */
export const INVALID_RESULT = 'INVALID_RESULT';

/**
 * Checks what a node's `sync()`/`delete()` resolved with: custom syncers are outside the
 * library, so their results are untrusted input. Returns the result (with `ready` made
 * consistent with `state`, and a non-`SyncError` `error` wrapped in one), or a message saying
 * what is wrong with it (never the offending value).
 */
export function checkNodeResult(node: Syncer, value: unknown): SyncResult | string {
  if (!nodeResultCodec.is(value)) {
    // `is` allocates nothing on the hot path; decode only to say what is wrong.
    const decoded = nodeResultCodec.decode(value);
    return isLeft(decoded) ? describeDecodeError(decoded.left) : 'not a SyncResult';
  }
  const result = value as unknown as SyncResult;
  if (result.name !== node.name) return `name: expected ${JSON.stringify(node.name)}, got ${JSON.stringify(result.name)}`;
  const error: unknown = (result as { error?: unknown }).error;
  const ready = result.state === 'ready';
  const durationOk = typeof (result as { durationMs?: unknown }).durationMs === 'number';
  if (ready === result.ready && durationOk && (error === undefined || isSyncError(error))) return result;
  return {
    ...result,
    ready,
    durationMs: durationOk ? result.durationMs : 0,
    ...(error === undefined || isSyncError(error)
      ? {}
      : { error: new SyncError(INVALID_RESULT, error instanceof Error ? error.message : 'the syncer reported a non-Error failure', { cause: error }) }),
  };
}

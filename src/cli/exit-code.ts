import { isSyncError, ValidationError } from '../core/sync-error.js';
import type { SyncResult } from '../core/sync-result.js';

/**
 * The exit codes of `syncprims`, for scripts.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | ready (or planned, for `diff` and `--dry-run`) |
 * | 1 | failed, timed out or blocked; the cluster could not be reached |
 * | 2 | bad input: invalid flags, unreadable files, invalid manifests or kubeconfig |
 * | 130 | interrupted (Ctrl-C, SIGTERM) |
 */
export const ExitCode = Object.freeze({
  /** Ready, or planned for dry runs. */
  Ok: 0,
  /** Failed, timed out, blocked, unreachable. */
  Failed: 1,
  /** Invalid flags, unreadable files, validation errors. */
  BadInput: 2,
  /** Aborted by Ctrl-C or SIGTERM. */
  Interrupted: 130,
} as const);

/** One of the values of {@link ExitCode}. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Error codes that mean the input was wrong: fixing the input, not retrying, helps. */
const BAD_INPUT_CODES: ReadonlySet<string> = new Set([
  'INVALID_OPTIONS',
  'INVALID_MANIFEST',
  'INVALID_NAME',
  'DUPLICATE_OBJECT',
  'MISSING_NAMESPACE',
  'UNKNOWN_KIND',
  'KUBECONFIG_INVALID',
]);

/** True when `err` is a bad-input error: a `ValidationError`, or a code such as `INVALID_MANIFEST`. */
export function isBadInput(err: unknown): boolean {
  return err instanceof ValidationError || (isSyncError(err) && BAD_INPUT_CODES.has(err.code));
}

/**
 * The exit code for a pass's result: 0 for `ready`/`planned`, 2 when its error is bad input,
 * 1 otherwise (`failed`, `timeout`, `blocked`).
 */
export function exitCodeOf(result: SyncResult): ExitCode {
  if (result.state === 'ready' || result.state === 'planned') return ExitCode.Ok;
  return isBadInput(result.error) ? ExitCode.BadInput : ExitCode.Failed;
}

/** The exit code for an error thrown by a command: 2 for bad input, 1 for anything else. */
export function exitCodeOfError(err: unknown): ExitCode {
  return isBadInput(err) ? ExitCode.BadInput : ExitCode.Failed;
}

import { formatRef } from '../core/object-ref.js';
import { isSyncError } from '../core/sync-error.js';
import type { CliContext } from './cli-context.js';
import { exitCodeOfError, type ExitCode } from './exit-code.js';
import { errorToJson } from './result-json.js';

/** The stderr line(s) for an error: `error [CODE] Kind ns/name: message`. */
export function formatErrorText(err: unknown): string {
  if (!isSyncError(err)) return `error: internal error: ${err instanceof Error ? err.message : String(err)}`;
  const named = err.ref ? formatRef(err.ref) : undefined;
  const ref = named && !err.message.includes(named) ? ` ${named}` : '';
  return `error [${err.code}]${ref}: ${err.message}`;
}

/**
 * Reports an error a command threw: the message on stderr and, with `-o json`,
 * `{ "error": {...} }` on stdout so scripts always get JSON. Returns the exit code
 * (2 for bad input, 1 otherwise).
 */
export function reportError(ctx: CliContext, err: unknown): ExitCode {
  ctx.reporter.clear();
  if (ctx.global.output === 'json') ctx.outJson({ error: errorToJson(err) });
  ctx.note(formatErrorText(err));
  return exitCodeOfError(err);
}

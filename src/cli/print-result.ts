import type { SyncResult } from '../core/sync-result.js';
import type { CliContext } from './cli-context.js';
import { exitCodeOf, type ExitCode } from './exit-code.js';
import { formatResultText, type ChangeStyle } from './format-result-text.js';
import { formatErrorText } from './report-error.js';
import { resultToJson } from './result-json.js';

/**
 * Prints a pass's result: JSON (`-o json`) or text on stdout, and its error on stderr.
 * Returns the exit code: 0 ready/planned, 2 bad input, 1 otherwise.
 */
export function printResult(ctx: CliContext, result: SyncResult, style: ChangeStyle): ExitCode {
  if (ctx.global.output === 'json') ctx.outJson(resultToJson(result));
  else ctx.out(formatResultText(result, style));
  if (result.error) ctx.note(formatErrorText(result.error));
  return exitCodeOf(result);
}

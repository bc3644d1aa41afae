import { parseDuration } from '../api/duration.js';
import { OptionsError } from '../core/sync-error.js';

/**
 * Parses a duration flag such as `--timeout 5m` into milliseconds: one or more
 * `<number><unit>` with unit `ms`, `s`, `m` or `h` (`30s`, `5m`, `1h30m`, `1.5h`), greater
 * than zero.
 *
 * Errors: `OptionsError` naming the flag for anything else (`5`, `-1m`, `0s`, `2d`).
 */
export function parseDurationFlag(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    throw new OptionsError(`--${flag}: ${JSON.stringify(text)} is not a duration above zero such as 30s, 5m, 1h30m or 500ms`);
  }
  return ms;
}

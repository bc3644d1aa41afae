import { OptionsError } from '../core/sync-error.js';

/**
 * Parses a positive whole-number flag such as `--concurrency 8`.
 *
 * Errors: `OptionsError` naming the flag for anything but digits with a value of at least 1
 * (and at most 10000).
 */
export function parseCountFlag(flag: string, text: string): number {
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 10_000) {
    throw new OptionsError(`--${flag}: ${JSON.stringify(text)} is not a whole number from 1 to 10000`);
  }
  return n;
}

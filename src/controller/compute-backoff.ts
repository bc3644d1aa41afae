/**
 * The delay before retry number `failures` (1 for the first failure): `baseMs * 2^(failures-1)`,
 * capped at `capMs`. `failures <= 0` gives 0 (no failure, no delay).
 *
 * @example
 * ```ts
 * import { computeBackoff } from 'syncprims';
 * computeBackoff(1_000, 1, 60_000); // 1000
 * computeBackoff(1_000, 4, 60_000); // 8000
 * computeBackoff(1_000, 20, 60_000); // 60000
 * ```
 */
export function computeBackoff(baseMs: number, failures: number, capMs: number): number {
  if (!(failures > 0) || !(baseMs > 0)) return 0;
  const cap = Math.max(capMs, baseMs);
  // 2^exponent overflows to Infinity for huge failure counts; the cap covers that.
  const exponent = Math.min(failures - 1, 52);
  return Math.min(baseMs * 2 ** exponent, cap);
}

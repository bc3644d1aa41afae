/**
 * Spreads a duration by ±`fraction` (default 10 %), so objects created together do not
 * reconcile in lockstep: `jitterDuration(60_000)` is uniform in [54 000, 66 000].
 *
 * `random` must return a number in [0, 1), like `Math.random` (the default); inject it in
 * tests. Non-positive or non-finite durations return 0.
 *
 * @example
 * ```ts
 * import { jitterDuration } from 'syncprims';
 * const delay = jitterDuration(300_000); // between 270 000 and 330 000 ms
 * ```
 */
export function jitterDuration(ms: number, fraction = 0.1, random: () => number = Math.random): number {
  if (!Number.isFinite(ms) || ms <= 0) return 0;
  const spread = Math.min(Math.max(fraction, 0), 1);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ms * (1 - spread + 2 * spread * r));
}

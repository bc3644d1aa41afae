/** One wave of a rollout plan: the clusters updated together. */
export interface PlannedWave<T> {
  /** 1-based position of the wave. */
  readonly index: number;
  /** True for the canary wave (always the first one when there are canaries). */
  readonly canary: boolean;
  /** The targets of the wave, in the order given. */
  readonly targets: readonly T[];
}

/**
 * Splits targets into waves (pure): every canary target in a first wave of its own, then the
 * others, in the order given, `maxConcurrency` per wave.
 *
 * @example
 * ```ts
 * import { planWaves } from 'syncprims';
 * const waves = planWaves([{ name: 'a' }, { name: 'b', canary: true }, { name: 'c' }], 2);
 * // [{ index: 1, canary: true, targets: [b] }, { index: 2, canary: false, targets: [a, c] }]
 * ```
 */
export function planWaves<T extends { readonly canary?: boolean }>(targets: readonly T[], maxConcurrency: number): PlannedWave<T>[] {
  const size = Math.max(1, Math.floor(maxConcurrency));
  const waves: PlannedWave<T>[] = [];
  const canaries = targets.filter((t) => t.canary === true);
  const rest = targets.filter((t) => t.canary !== true);
  if (canaries.length > 0) waves.push({ index: 1, canary: true, targets: canaries });
  for (let i = 0; i < rest.length; i += size) {
    waves.push({ index: waves.length + 1, canary: false, targets: rest.slice(i, i + size) });
  }
  return waves;
}

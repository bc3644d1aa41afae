import { isFailure, type Measurement, type Outcome } from './bench-report.js';

/**
 * The median measurement of repeated runs (by wall time; the lower middle for an even count),
 * or the first failure when any run failed.
 */
export function medianOf(outcomes: readonly Outcome[]): Outcome | undefined {
  const failure = outcomes.find(isFailure);
  if (failure) return failure;
  const sorted = [...(outcomes as readonly Measurement[])].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** `min–max` of repeated runs' wall times in seconds, or '' for one run. */
export function spreadOf(outcomes: readonly Outcome[]): string {
  const ms = outcomes.filter((o): o is Measurement => !isFailure(o)).map((o) => o.ms);
  if (ms.length < 2) return '';
  return `${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)}`;
}

/**
 * The median of per-round ratios `a[i] / b[i]` (rounds run the contenders back to back, so a
 * slow phase of a shared machine hits both sides of a ratio). Undefined when no round has
 * both figures.
 */
export function pairedRatio(a: readonly Outcome[], b: readonly Outcome[]): number | undefined {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x && y && !isFailure(x) && !isFailure(y) && y.ms > 0) ratios.push(x.ms / y.ms);
  }
  if (ratios.length === 0) return undefined;
  ratios.sort((p, q) => p - q);
  return ratios[Math.floor((ratios.length - 1) / 2)];
}

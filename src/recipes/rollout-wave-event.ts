import type { RolloutWave } from './rollout-result.js';

/**
 * What a rollout reports to `onWave` as it goes: a wave starts, a wave finished, the pause
 * between two waves begins, the rollout halts because the failure budget is exceeded.
 */
export type RolloutWaveEvent =
  | { readonly type: 'started'; readonly index: number; readonly canary: boolean; readonly clusters: readonly string[] }
  | { readonly type: 'finished'; readonly wave: RolloutWave }
  | { readonly type: 'soaking'; readonly after: number; readonly ms: number }
  | { readonly type: 'halted'; readonly after: number; readonly failures: number; readonly maxFailures: number };

import type { SyncResult } from '../core/sync-result.js';

/**
 * How a wave ended: `ready` (no failure; skipped clusters allowed), `failed` (at least one
 * cluster failed or timed out), `blocked` (not started: the rollout halted before it),
 * `planned` (dry run without failures).
 */
export type RolloutWaveState = 'ready' | 'failed' | 'blocked' | 'planned';

/** The summary of one wave in a {@link RolloutResult}. */
export interface RolloutWave {
  /** 1-based position of the wave. */
  readonly index: number;
  /** True for the canary wave. */
  readonly canary: boolean;
  /** The clusters of the wave. */
  readonly clusters: readonly string[];
  /** How the wave ended. */
  readonly state: RolloutWaveState;
  /** Clusters that ended ready (in a dry run: planned). */
  readonly ready: readonly string[];
  /** Clusters that failed or timed out (unreachable ones too, unless the rule is `skip`). */
  readonly failed: readonly string[];
  /** Clusters left out because they were unreachable and the rule is `skip`. */
  readonly skipped: readonly string[];
  /** Clusters where something was (in a dry run: would be) created, configured or pruned. */
  readonly changed: readonly string[];
  /** Wall time of the wave in milliseconds (0 when not started). */
  readonly durationMs: number;
}

/**
 * What a rollout pass returns: a `SyncResult` whose `children` hold one result per cluster,
 * in plan order and named after the cluster, plus the per-wave summary.
 */
export interface RolloutResult extends SyncResult {
  /** One result per cluster, named after the cluster (the syncer's own name is in its events). */
  readonly children: readonly SyncResult[];
  /** One entry per planned wave, in order. */
  readonly waves: readonly RolloutWave[];
}

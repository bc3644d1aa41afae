import type { SyncResult } from '../core/sync-result.js';
import { ClusterAccessError, ReadinessError } from '../core/sync-error.js';
import { sleep } from '../core/abort.js';
import { checkNodeResult } from '../graph/check-node-result.js';
import { failedNodeResult } from '../graph/failed-node-result.js';
import type { ResolvedStrategy } from './rollout-strategy.js';
import type { RolloutTarget } from './rollout-target.js';

/** How one cluster's pass counts in the rollout. */
export type TargetVerdict = 'ready' | 'failed' | 'skipped';

/** One cluster's pass: its result (named after the cluster) and how it counts. */
export interface TargetOutcome {
  readonly result: SyncResult;
  readonly verdict: TargetVerdict;
}

/** Where one cluster's pass runs. */
export interface TargetPass {
  readonly dryRun: boolean;
  /** The caller's signal: when it aborts, the pass rejects with its reason. */
  readonly signal?: AbortSignal;
  /** The caller's signal combined with the wave's timeout. */
  readonly waveSignal?: AbortSignal;
  /** 1-based index of the wave, for messages. */
  readonly wave: number;
  readonly strategy: ResolvedStrategy;
}

const isOk = (r: SyncResult): boolean => r.state === 'ready' || r.state === 'planned';

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

function named(result: SyncResult, name: string): SyncResult {
  return result.name === name ? result : { ...result, name };
}

function waveTimedOut(target: RolloutTarget, pass: TargetPass, startedAt: number, last?: SyncResult): SyncResult {
  const limit = seconds(pass.strategy.waveTimeout ?? 0);
  const error = last
    ? new ClusterAccessError('UNREACHABLE', `still unreachable when wave ${pass.wave} timed out after ${limit}: ${last.message}`, { cause: last.error, retryable: true })
    : new ReadinessError('TIMEOUT', `wave ${pass.wave} timed out after ${limit} before ${target.name} was done`, { retryable: true });
  return { name: target.name, ready: false, state: 'timeout', changes: last?.changes ?? [], revision: last?.revision ?? '', message: error.message, error, durationMs: Date.now() - startedAt };
}

/**
 * Runs one cluster's pass under the wave's signal and applies the unreachable rule: an
 * `UNREACHABLE` result is skipped (`skip`), tried again every `retryInterval` until the wave's
 * signal ends (`wait`), or counted as a failure (`fail`). A pass cut by the wave timeout ends
 * `timeout`; one that rejects, or resolves with something that is not a `SyncResult`, ends
 * `failed` (a custom syncer's result is untrusted input and is checked).
 *
 * Rejects only with the caller's signal's reason.
 */
export async function runRolloutTarget(target: RolloutTarget, pass: TargetPass): Promise<TargetOutcome> {
  const startedAt = Date.now();
  const { signal, waveSignal, strategy } = pass;
  let unreachable: SyncResult | undefined;
  for (;;) {
    let result: SyncResult;
    try {
      const value: unknown = await target.syncer.sync({ dryRun: pass.dryRun, ...(waveSignal ? { signal: waveSignal } : {}) });
      const checked = checkNodeResult(target.syncer, value);
      result = typeof checked === 'string' ? failedNodeResult(target.syncer.name, { invalid: checked }, 'sync', startedAt) : checked;
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (waveSignal?.aborted) return { result: waveTimedOut(target, pass, startedAt, unreachable), verdict: 'failed' };
      result = failedNodeResult(target.syncer.name, { rejected: err }, 'sync', startedAt);
    }
    result = named(result, target.name);
    if (isOk(result)) return { result, verdict: 'ready' };
    if (result.error?.code !== 'UNREACHABLE' || strategy.unreachable === 'fail') return { result, verdict: 'failed' };
    if (strategy.unreachable === 'skip') return { result, verdict: 'skipped' };
    unreachable = result;
    try {
      await sleep(strategy.retryInterval, waveSignal);
    } catch {
      if (signal?.aborted) throw signal.reason;
      return { result: waveTimedOut(target, pass, startedAt, unreachable), verdict: 'failed' };
    }
  }
}

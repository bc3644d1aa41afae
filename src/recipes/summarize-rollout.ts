import type { Change, SyncResult, SyncState } from '../core/sync-result.js';
import { BlockedError, SyncError } from '../core/sync-error.js';
import { digestRevisions } from '../graph/digest-revisions.js';
import type { RolloutWave } from './rollout-result.js';
import type { TargetOutcome } from './run-rollout-target.js';

/** Clusters named in a rollout's message before the rest are counted. */
const MAX_LISTED = 3;

/** Why a rollout stopped starting waves. */
export interface RolloutHalt {
  /** The wave after which it halted. */
  readonly after: number;
  readonly failures: number;
  readonly maxFailures: number;
}

/** The rollout-level fields of a pass result, derived from the clusters' outcomes. */
export interface RolloutSummary {
  readonly state: SyncState;
  readonly message: string;
  readonly changes: readonly Change[];
  readonly revision: string;
  readonly error?: SyncError;
}

function waveLabel(wave: RolloutWave): string {
  return `wave ${wave.index}${wave.canary ? ' (canary)' : ''}`;
}

function list(names: readonly string[]): string {
  return names.length <= MAX_LISTED ? names.join(', ') : `${names.slice(0, MAX_LISTED).join(', ')} (+${names.length - MAX_LISTED} more)`;
}

/**
 * Sums a rollout pass up (pure). `outcomes` are the clusters that ran, `notStarted` the results
 * of those left untouched after a halt; `children` is both, in plan order.
 *
 * - `state`: `ready` (a dry run: `planned`) when no cluster failed and none was left out by a
 *   halt (skipped unreachable clusters do not count); otherwise the worst state of the failed
 *   clusters (`failed` > `timeout`), or `blocked`.
 * - `error`: the first failed cluster's error (the root cause, its own class and code).
 * - `message`: `2/3 clusters ready in 2 waves; 1 skipped (unreachable): edge-3`, or
 *   `halted after wave 1 (canary): 1 failure exceeds maxFailures 0; edge-1 failed: ...; not started: edge-2`.
 */
export function summarizeRollout(
  children: readonly SyncResult[],
  outcomes: readonly TargetOutcome[],
  waves: readonly RolloutWave[],
  dryRun: boolean,
  halt: RolloutHalt | undefined,
): RolloutSummary {
  const changes = children.flatMap((c) => c.changes);
  const revision = digestRevisions(children);
  const failed = outcomes.filter((o) => o.verdict === 'failed').map((o) => o.result);
  const skipped = outcomes.filter((o) => o.verdict === 'skipped').map((o) => o.result.name);
  const ready = outcomes.filter((o) => o.verdict === 'ready').length;
  const notStarted = children.filter((c) => !outcomes.some((o) => o.result === c)).map((c) => c.name);
  const ran = waves.filter((w) => w.state !== 'blocked').length;
  const parts: string[] = [];
  if (halt) {
    const wave = waves.find((w) => w.index === halt.after);
    parts.push(`halted after ${wave ? waveLabel(wave) : `wave ${halt.after}`}: ${halt.failures} ${halt.failures === 1 ? 'failure exceeds' : 'failures exceed'} maxFailures ${halt.maxFailures}`);
  } else if (dryRun) {
    parts.push(`plan: ${ready}/${children.length} clusters planned in ${waves.length} ${waves.length === 1 ? 'wave' : 'waves'}`);
    for (const wave of waves) parts.push(`${waveLabel(wave)}: ${wave.changed.length > 0 ? `${list(wave.changed)} would change` : 'no change'}`);
  } else {
    parts.push(`${ready}/${children.length} clusters ready in ${ran} ${ran === 1 ? 'wave' : 'waves'}`);
  }
  if (skipped.length > 0) parts.push(`${skipped.length} skipped (unreachable): ${list(skipped)}`);
  for (const r of failed.slice(0, MAX_LISTED)) parts.push(`${r.name} ${r.state}: ${r.message}`);
  if (failed.length > MAX_LISTED) parts.push(`(+${failed.length - MAX_LISTED} more failed)`);
  if (notStarted.length > 0) parts.push(`not started: ${list(notStarted)}`);
  const message = parts.join('; ');

  if (failed.length === 0 && notStarted.length === 0) return { state: dryRun ? 'planned' : 'ready', message, changes, revision };
  const first = failed.find((r) => r.state === 'failed') ?? failed[0];
  if (!first) {
    const error = new BlockedError('BLOCKED', message, { retryable: true });
    return { state: 'blocked', message, changes, revision, error };
  }
  const state: SyncState = failed.some((r) => r.state === 'failed') ? 'failed' : first.state;
  const error = first.error ?? new SyncError(first.state === 'timeout' ? 'TIMEOUT' : 'NOT_READY', `${first.name}: ${first.message}`, { retryable: first.state !== 'failed' });
  return { state, message, changes, revision, error };
}

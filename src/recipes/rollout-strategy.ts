import { OptionsError } from '../core/sync-error.js';

/** What a rollout does with a cluster whose API server cannot be reached (`UNREACHABLE`). */
export type UnreachableRule = 'skip' | 'wait' | 'fail';

/** How a rollout proceeds: wave sizes, failure budget, pauses, bounds. */
export interface RolloutStrategy {
  /** Clusters per wave after the canary wave. @default 1 */
  maxConcurrency?: number;
  /**
   * Failed clusters tolerated before the rollout halts. Counted over the whole rollout and
   * checked after each wave: when exceeded, no further wave starts and the remaining clusters
   * are left untouched (their results `blocked`).
   * @default 0 (the first failure halts)
   */
  maxFailures?: number;
  /** Pause between two waves, in milliseconds (abortable), so problems of a wave can surface before the next one. @default 0 */
  soakTime?: number;
  /**
   * Bound of each wave, in milliseconds: its clusters' passes get a signal that aborts when it
   * expires; a cluster still running then ends `timeout` and counts as a failure.
   * @default undefined (no bound besides each syncer's own `timeout` and the caller's signal)
   */
  waveTimeout?: number;
  /**
   * A cluster that cannot be reached: `skip` leaves it out (counted as skipped, not as a
   * failure; the rollout can end ready without it), `wait` tries it again every
   * `retryInterval` until it answers or the wave times out (then a failure; without
   * `waveTimeout` it waits as long as the caller's signal allows), `fail` counts it as a failure.
   * @default 'fail'
   */
  unreachable?: UnreachableRule;
  /** With `unreachable: 'wait'`: the pause between two tries, in milliseconds. @default 2000 */
  retryInterval?: number;
}

/** A {@link RolloutStrategy} with defaults applied. */
export interface ResolvedStrategy {
  readonly maxConcurrency: number;
  readonly maxFailures: number;
  readonly soakTime: number;
  readonly waveTimeout?: number;
  readonly unreachable: UnreachableRule;
  readonly retryInterval: number;
}

const KNOWN = new Set(['maxConcurrency', 'maxFailures', 'soakTime', 'waveTimeout', 'unreachable', 'retryInterval']);

function wholeNumber(where: string, field: string, value: unknown, min: number): void {
  if (!(typeof value === 'number' && Number.isSafeInteger(value) && value >= min)) {
    throw new OptionsError(`${where}: \`strategy.${field}\` must be a whole number >= ${min}, got ${JSON.stringify(value)}`);
  }
}

/** Applies the defaults of {@link RolloutStrategy} and validates it; throws `OptionsError` naming the field. */
export function resolveStrategy(where: string, strategy: RolloutStrategy = {}): ResolvedStrategy {
  if (typeof strategy !== 'object' || strategy === null) throw new OptionsError(`${where}: \`strategy\` must be an object`);
  for (const key of Object.keys(strategy)) {
    if (!KNOWN.has(key)) throw new OptionsError(`${where}: unknown option \`strategy.${key}\``);
  }
  const resolved: ResolvedStrategy = {
    maxConcurrency: strategy.maxConcurrency ?? 1,
    maxFailures: strategy.maxFailures ?? 0,
    soakTime: strategy.soakTime ?? 0,
    unreachable: strategy.unreachable ?? 'fail',
    retryInterval: strategy.retryInterval ?? 2_000,
    ...(strategy.waveTimeout !== undefined ? { waveTimeout: strategy.waveTimeout } : {}),
  };
  wholeNumber(where, 'maxConcurrency', resolved.maxConcurrency, 1);
  wholeNumber(where, 'maxFailures', resolved.maxFailures, 0);
  wholeNumber(where, 'soakTime', resolved.soakTime, 0);
  wholeNumber(where, 'retryInterval', resolved.retryInterval, 1);
  if (resolved.waveTimeout !== undefined) wholeNumber(where, 'waveTimeout', resolved.waveTimeout, 1);
  if (!['skip', 'wait', 'fail'].includes(resolved.unreachable)) {
    throw new OptionsError(`${where}: \`strategy.unreachable\` must be 'skip', 'wait' or 'fail', got ${JSON.stringify(resolved.unreachable)}`);
  }
  return resolved;
}

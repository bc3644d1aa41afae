import { BaseSyncer } from '../core/base-syncer.js';
import type { Logger } from '../core/logger.js';
import type { DeletePassOptions, SyncPassOptions, Syncer } from '../core/syncer.js';
import type { SyncResult } from '../core/sync-result.js';
import { anySignal, sleep, throwIfAborted } from '../core/abort.js';
import { BlockedError, OptionsError } from '../core/sync-error.js';
import { forwardEvents } from '../graph/forward-events.js';
import { checkNodeResult } from '../graph/check-node-result.js';
import { failedNodeResult } from '../graph/failed-node-result.js';
import { summarizePass } from '../graph/summarize-pass.js';
import { planWaves, type PlannedWave } from './plan-waves.js';
import { resolveStrategy, type ResolvedStrategy, type RolloutStrategy } from './rollout-strategy.js';
import type { RolloutTarget } from './rollout-target.js';
import type { RolloutResult, RolloutWave } from './rollout-result.js';
import type { RolloutWaveEvent } from './rollout-wave-event.js';
import { runRolloutTarget, type TargetOutcome } from './run-rollout-target.js';
import { summarizeRollout, type RolloutHalt } from './summarize-rollout.js';
import { buildRolloutTargets } from './build-rollout-targets.js';
import { DEFAULT_ROLLOUT_NAME, type RolloutOptions } from './rollout-options.js';

/** Options of the {@link Rollout} class: the clusters as ready-made syncers. */
export interface RolloutSyncerOptions {
  /** The rollout's name: its result's `name`. @default 'rollout' */
  name?: string;
  /** The clusters, each with the syncer that updates it. Names unique; at least one. */
  targets: readonly RolloutTarget[];
  /** Wave sizes, failure budget, pauses and bounds. @default {} (one cluster per wave, first failure halts) */
  strategy?: RolloutStrategy;
  /** Syncers the rollout depends on when nested in a dag (e.g. the registrations). @default [] */
  dependsOn?: readonly Syncer[];
  /** Called as waves start, finish, soak and halt (for progress output). Exceptions it throws are logged and ignored. @default undefined */
  onWave?: (event: RolloutWaveEvent) => void;
  /** Where diagnostics go. @default a silent logger */
  logger?: Logger;
}

const isOk = (r: SyncResult): boolean => r.state === 'ready' || r.state === 'planned';

function describeWave(wave: PlannedWave<RolloutTarget>): string {
  return `wave ${wave.index}${wave.canary ? ' (canary)' : ''}`;
}

/**
 * Runs one syncer per cluster in waves, with a failure budget: the rollout recipe's engine,
 * usable with any syncers (a Helm release per cluster, a dag per cluster...). Build one with
 * {@link rollout} from clusters and a source, or with `new Rollout({ targets })`.
 *
 * A pass: the canary clusters run first, as one wave; then the others in the order given,
 * `maxConcurrency` per wave; every cluster of a wave runs at once. After each wave the
 * failures so far are checked against `maxFailures`: when exceeded, the rollout halts and the
 * clusters of later waves are left untouched (their results `blocked`, with the reason).
 * Otherwise it pauses `soakTime` and starts the next wave. Each wave is bounded by
 * `waveTimeout`. Unreachable clusters follow the `unreachable` rule (see {@link RolloutStrategy}).
 *
 * A dry run (`dryRun: true`) is the plan: every cluster's syncer plans its changes (nothing is
 * written), wave by wave, without soaking and without halting, so the result shows which
 * cluster would change in which wave (`waves[i].changed`).
 *
 * Result: a {@link RolloutResult}: `children` has one result per cluster in plan order, named
 * after the cluster; `waves` the per-wave summary; `state` is `ready` when no cluster failed and
 * none was left out by a halt; the first failure's `error`. Events: the clusters' syncers'
 * events are re-emitted; `progress` with `phase: 'graph'` after each cluster.
 *
 * Errors: the constructor throws `OptionsError` (no targets, duplicate names, a target that
 * is not a syncer, an invalid strategy). `sync()` resolves for every cluster failure and rejects
 * only with the signal's reason when the caller aborts (a wave timeout is not an abort).
 *
 * @example
 * ```ts
 * import { Rollout, type Syncer, type SyncResult } from 'syncprims';
 *
 * // Any syncer per cluster: here a plain object standing for a Helm upgrade.
 * const upgrade = (cluster: string): Syncer => ({
 *   name: `upgrade-${cluster}`,
 *   dependsOn: [],
 *   async sync(): Promise<SyncResult> {
 *     return { name: `upgrade-${cluster}`, ready: true, state: 'ready', changes: [], revision: 'v2', message: 'upgraded', durationMs: 0 };
 *   },
 * });
 * const rollout = new Rollout({
 *   name: 'ingress-v2',
 *   targets: [
 *     { name: 'edge-1', syncer: upgrade('edge-1'), canary: true },
 *     { name: 'edge-2', syncer: upgrade('edge-2') },
 *     { name: 'edge-3', syncer: upgrade('edge-3') },
 *   ],
 *   strategy: { maxConcurrency: 2, soakTime: 60_000 },
 *   onWave: (e) => { if (e.type === 'finished') console.log(`wave ${e.wave.index}: ${e.wave.state}`); },
 * });
 * const result = await rollout.sync();
 * for (const wave of result.waves) console.log(wave.index, wave.clusters, wave.state);
 * ```
 */
export class Rollout extends BaseSyncer {
  /** The clusters and their syncers, in the order given. */
  readonly targets: readonly RolloutTarget[];
  /** The strategy, defaults applied. */
  readonly strategy: ResolvedStrategy;
  private readonly onWave: ((event: RolloutWaveEvent) => void) | undefined;

  constructor(options: RolloutSyncerOptions) {
    if (!options || typeof options !== 'object') throw new OptionsError('Rollout: options object required');
    const name = options.name ?? DEFAULT_ROLLOUT_NAME;
    super({ name, ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}), ...(options.logger ? { logger: options.logger } : {}) });
    const where = `Rollout ${JSON.stringify(name)}`;
    this.strategy = resolveStrategy(where, options.strategy);
    this.targets = Object.freeze(validateTargets(where, options.targets));
    if (options.onWave !== undefined && typeof options.onWave !== 'function') throw new OptionsError(`${where}: \`onWave\` must be a function`);
    this.onWave = options.onWave;
  }

  /** The waves a pass runs, in order (pure: computed from the targets and the strategy). */
  plan(): PlannedWave<RolloutTarget>[] {
    return planWaves(this.targets, this.strategy.maxConcurrency);
  }

  /**
   * One rollout pass (see the class description).
   *
   * Errors: resolves with `ready: false` for cluster failures; rejects with the signal's reason
   * when the caller's signal aborts (a soak is cut short too).
   */
  async sync(options: SyncPassOptions = {}): Promise<RolloutResult> {
    const startedAt = Date.now();
    const { signal, dryRun = false } = options;
    throwIfAborted(signal);
    const planned = this.plan();
    const children = new Map<string, SyncResult>();
    const outcomes: TargetOutcome[] = [];
    const waves: RolloutWave[] = [];
    const total = this.targets.length;
    let done = 0;
    let failures = 0;
    let halt: RolloutHalt | undefined;
    this.logger.debug('rollout starting', { syncer: this.name, dryRun, waves: planned.length, clusters: total });

    for (const wave of planned) {
      if (halt) {
        for (const t of wave.targets) children.set(t.name, this.notStarted(t, halt, outcomes));
        waves.push(summarizeWave(wave, [], 'blocked', 0));
        continue;
      }
      if (wave.index > 1 && !dryRun && this.strategy.soakTime > 0) {
        this.report({ type: 'soaking', after: wave.index - 1, ms: this.strategy.soakTime });
        await sleep(this.strategy.soakTime, signal);
      }
      throwIfAborted(signal);
      this.report({ type: 'started', index: wave.index, canary: wave.canary, clusters: wave.targets.map((t) => t.name) });
      const waveStarted = Date.now();
      const waveSignal = this.strategy.waveTimeout !== undefined ? anySignal(signal, AbortSignal.timeout(this.strategy.waveTimeout)) : signal;
      const results = await Promise.all(
        wave.targets.map(async (target) => {
          const unsubscribe = forwardEvents(target.syncer, this, () => undefined);
          try {
            const outcome = await runRolloutTarget(target, { dryRun, wave: wave.index, strategy: this.strategy, ...(signal ? { signal } : {}), ...(waveSignal ? { waveSignal } : {}) });
            this.emit('progress', { syncer: this.name, phase: 'graph', done: ++done, total });
            return outcome;
          } finally {
            unsubscribe();
          }
        }),
      );
      for (const [i, outcome] of results.entries()) {
        children.set(wave.targets[i]!.name, outcome.result);
        outcomes.push(outcome);
      }
      failures += results.filter((o) => o.verdict === 'failed').length;
      const summary = summarizeWave(wave, results, undefined, Date.now() - waveStarted, dryRun);
      waves.push(summary);
      this.report({ type: 'finished', wave: summary });
      this.logger.debug('rollout wave finished', { syncer: this.name, wave: wave.index, state: summary.state, failures });
      if (!dryRun && failures > this.strategy.maxFailures && wave.index < planned.length) {
        halt = { after: wave.index, failures, maxFailures: this.strategy.maxFailures };
        this.report({ type: 'halted', ...halt });
        this.logger.info(`rollout halted after ${describeWave(wave)}`, { syncer: this.name, failures, maxFailures: this.strategy.maxFailures });
      }
    }

    const inPlanOrder = planned.flatMap((w) => w.targets.map((t) => children.get(t.name)!));
    const summary = summarizeRollout(inPlanOrder, outcomes, waves, dryRun, halt);
    const result: RolloutResult = { ...this.makeResult({ ...summary, children: inPlanOrder, startedAt }), children: inPlanOrder, waves };
    this.emit(result.state === 'ready' || result.state === 'planned' ? 'ready' : 'failed', result);
    return result;
  }

  /**
   * Tears down every cluster's syncer (those with `delete()`), in reverse plan order,
   * `maxConcurrency` at a time; the result's children are named after the clusters.
   *
   * Errors: rejects only with the signal's reason.
   */
  override async delete(options: DeletePassOptions = {}): Promise<SyncResult> {
    const startedAt = Date.now();
    const { signal } = options;
    throwIfAborted(signal);
    const order = this.plan().flatMap((w) => w.targets).reverse();
    const children: SyncResult[] = [];
    let skipped = 0;
    for (let i = 0; i < order.length; i += this.strategy.maxConcurrency) {
      const batch = order.slice(i, i + this.strategy.maxConcurrency);
      const results = await Promise.all(batch.map((target) => this.deleteTarget(target, signal)));
      for (const r of results) {
        if (r) children.push(r);
        else skipped++;
      }
    }
    const note = skipped > 0 ? `${skipped} without delete() skipped` : undefined;
    return this.finish({ ...summarizePass(children, 'delete', note), children, startedAt });
  }

  private async deleteTarget(target: RolloutTarget, signal: AbortSignal | undefined): Promise<SyncResult | undefined> {
    if (typeof target.syncer.delete !== 'function') return undefined;
    const startedAt = Date.now();
    const unsubscribe = forwardEvents(target.syncer, this, () => undefined);
    try {
      const value: unknown = await target.syncer.delete(signal ? { signal } : {});
      const checked = checkNodeResult(target.syncer, value);
      const result = typeof checked === 'string' ? failedNodeResult(target.syncer.name, { invalid: checked }, 'delete', startedAt) : checked;
      return { ...result, name: target.name };
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      return { ...failedNodeResult(target.syncer.name, { rejected: err }, 'delete', startedAt), name: target.name };
    } finally {
      unsubscribe();
    }
  }

  private notStarted(target: RolloutTarget, halt: RolloutHalt, outcomes: readonly TargetOutcome[]): SyncResult {
    const root = outcomes.find((o) => o.verdict === 'failed')?.result;
    const message = `not started: the rollout halted after wave ${halt.after} (${halt.failures} ${halt.failures === 1 ? 'failure' : 'failures'}, maxFailures ${halt.maxFailures})${root ? `; first failure: ${root.name}: ${root.message}` : ''}`;
    const error = new BlockedError('BLOCKED', message, { retryable: root?.error?.retryable ?? true, ...(root?.error ? { cause: root.error } : {}) });
    return { name: target.name, ready: false, state: 'blocked', changes: [], revision: '', message, error, durationMs: 0 };
  }

  private report(event: RolloutWaveEvent): void {
    if (!this.onWave) return;
    try {
      this.onWave(event);
    } catch (err) {
      this.logger.warn('rollout: the onWave callback threw; ignored', { syncer: this.name, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

function summarizeWave(wave: PlannedWave<RolloutTarget>, outcomes: readonly TargetOutcome[], forced: 'blocked' | undefined, durationMs: number, dryRun = false): RolloutWave {
  const names = (verdict: TargetOutcome['verdict']): string[] => outcomes.filter((o) => o.verdict === verdict).map((o) => o.result.name);
  const failed = names('failed');
  const changed = outcomes
    .filter((o) => isOk(o.result) && o.result.changes.some((c) => c.action === 'created' || c.action === 'configured' || c.action === 'pruned'))
    .map((o) => o.result.name);
  const state = forced ?? (failed.length > 0 ? 'failed' : dryRun ? 'planned' : 'ready');
  return {
    index: wave.index,
    canary: wave.canary,
    clusters: wave.targets.map((t) => t.name),
    state,
    ready: names('ready'),
    failed,
    skipped: names('skipped'),
    changed,
    durationMs,
  };
}

function validateTargets(where: string, targets: unknown): RolloutTarget[] {
  if (!Array.isArray(targets) || targets.length === 0) throw new OptionsError(`${where}: \`targets\` must be a non-empty array of { name, syncer, canary? }`);
  const names = new Set<string>();
  const syncers = new Set<unknown>();
  return targets.map((t: Partial<RolloutTarget> | null, i) => {
    if (!t || typeof t !== 'object') throw new OptionsError(`${where}: targets[${i}] must be { name, syncer, canary? }`);
    if (typeof t.name !== 'string' || t.name === '') throw new OptionsError(`${where}: targets[${i}].name must be a non-empty string`);
    if (names.has(t.name)) throw new OptionsError(`${where}: two targets are named ${JSON.stringify(t.name)}`);
    names.add(t.name);
    const s = t.syncer as Partial<Syncer> | undefined;
    if (!s || typeof s.name !== 'string' || typeof s.sync !== 'function') throw new OptionsError(`${where}: targets[${i}].syncer (${t.name}) is not a syncer (needs name and sync())`);
    if (syncers.has(s)) throw new OptionsError(`${where}: the syncer of ${t.name} is given for two clusters`);
    syncers.add(s);
    if (t.canary !== undefined && typeof t.canary !== 'boolean') throw new OptionsError(`${where}: targets[${i}].canary must be a boolean`);
    return { name: t.name, syncer: t.syncer as Syncer, ...(t.canary ? { canary: true } : {}) };
  });
}

/**
 * Rolls a source out to many clusters in waves, with a small blast radius: one `ProxySync`
 * (default; the remote cluster keeps itself in sync, also while the management cluster is down)
 * or one `RemoteSync` (`mode: 'remote'`, applied directly) per cluster, run by a {@link Rollout}:
 * canary clusters first, then `maxConcurrency` clusters per wave, a `maxFailures` budget that
 * halts the rollout and leaves the remaining clusters untouched, `soakTime` between waves,
 * `waveTimeout`, and a rule for unreachable clusters. `sync({ dryRun: true })` is the plan.
 *
 * Per cluster, the syncer is named `<name>-<cluster>`; in `proxy` mode it maintains the Sync
 * `<namespace>/<name>` in the cluster. Its result in `children` is named after the cluster.
 *
 * Errors: throws `OptionsError` for invalid options (a cluster with both or neither of
 * `cluster` and `secretRef`, `secretRef` without `management`, duplicate names, a bad strategy).
 * `sync()` resolves for every cluster failure; see {@link Rollout}.
 *
 * @example
 * ```ts
 * import { Cluster, Source, rollout } from 'syncprims';
 *
 * const mgmt = Cluster.fromKubeconfig({ context: 'mgmt' });
 * const web = rollout({
 *   name: 'web',
 *   management: mgmt,
 *   clusters: [
 *     { name: 'edge-1', secretRef: { namespace: 'fleet', name: 'edge-1-kubeconfig' }, canary: true },
 *     { name: 'edge-2', secretRef: { namespace: 'fleet', name: 'edge-2-kubeconfig' } },
 *     { name: 'edge-3', secretRef: { namespace: 'fleet', name: 'edge-3-kubeconfig' } },
 *   ],
 *   source: Source.files('apps/web'),
 *   strategy: { maxConcurrency: 2, maxFailures: 0, soakTime: 30_000, waveTimeout: 300_000, unreachable: 'skip' },
 * });
 * const plan = await web.sync({ dryRun: true });
 * for (const wave of plan.waves) console.log(`wave ${wave.index}: ${wave.changed.join(', ') || 'no change'}`);
 * const result = await web.sync({ signal: AbortSignal.timeout(1_800_000) });
 * console.log(result.state, result.message);
 * ```
 */
export function rollout(options: RolloutOptions): Rollout {
  const targets = buildRolloutTargets(options);
  return new Rollout({
    name: options.name ?? DEFAULT_ROLLOUT_NAME,
    targets,
    ...(options.strategy ? { strategy: options.strategy } : {}),
    ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
    ...(options.onWave ? { onWave: options.onWave } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

import { BaseSyncer } from '../core/base-syncer.js';
import type { DeletePassOptions, KindDefinition, SyncPassOptions, Syncer } from '../core/syncer.js';
import type { SyncResult } from '../core/sync-result.js';
import { throwIfAborted } from '../core/abort.js';
import { OptionsError } from '../core/sync-error.js';
import { buildGraph } from './build-graph.js';
import type { SyncerGraph } from './syncer-graph.js';
import { checkNesting } from './check-nesting.js';
import { runGraph } from './run-graph.js';
import { forwardEvents } from './forward-events.js';
import { checkNodeResult } from './check-node-result.js';
import { failedNodeResult } from './failed-node-result.js';
import { blockedResult, stoppedResult } from './blocked-result.js';
import { summarizePass, type PassKind } from './summarize-pass.js';
import { DEFAULT_DAG_NAME, isDagOptions, validateDagOptions, type DagOptions } from './dag-options.js';

const isOk = (r: SyncResult | undefined): boolean => r === undefined || r.state === 'ready' || r.state === 'planned';

/**
 * Runs syncers in dependency order, and is itself a {@link Syncer} (so dags nest, and anything
 * that takes a syncer takes a dag). Create one with {@link dag}.
 *
 * The graph is the given syncers plus the transitive closure of their `dependsOn`. A node
 * starts as soon as all its dependencies ended `ready` (or `planned`) in the same pass, at
 * most `concurrency` at once; a node whose dependency ended `failed`, `timeout` or `blocked`
 * does not run and ends `blocked` with a `BlockedError` naming the chain
 * (`blocked by app: blocked by crds: CRD foo not established`); independent branches go on.
 *
 * Result: `children` holds the nodes' results in completion order (a nested dag's result
 * holds its own children); `changes` is all children's changes flattened; `revision` a digest
 * of the children's revisions by name; `state` is `ready` when all are ready, `planned` for a
 * dry run where all are planned or ready, otherwise the worst child state (`failed` >
 * `timeout` > `blocked`) with the root cause's `error`; `message` reads
 * `3/4 ready; crds failed: ...; app blocked by crds: ...`.
 *
 * Events: every event of a node that is an emitter is re-emitted unchanged (payloads name
 * their syncer); `ready`/`failed` is emitted for every node (on its behalf when it does not
 * emit one itself, e.g. plain objects and blocked nodes); `progress` with
 * `{ syncer: <dag name>, phase: 'graph', done, total }` after each node ends; finally
 * `ready`/`failed` with the dag's own result.
 *
 * Errors: the constructor throws `OptionsError` (invalid options, something that is not a
 * syncer, two syncers with the same name, a syncer both in the dag and in a nested dag) and
 * `CycleError` (`dependency cycle: a -> b -> a`). `sync()`/`delete()` re-check the graph (custom
 * syncers may be mutable) and reject with those errors before running anything; they reject
 * with the signal's reason when aborted. A node whose `sync()` rejects ends `failed` (its
 * `SyncError` code kept, `INVALID_RESULT` otherwise), as does one that resolves with
 * something that is not a `SyncResult`.
 *
 * Caveats: on abort, in-flight nodes get the same signal and the dag rejects once they have
 * settled, so nothing of the pass still runs afterwards; a custom syncer that ignores its
 * signal delays that rejection until it returns. Node names need only be unique within one
 * dag; nested dags are their own namespace.
 *
 * @example
 * ```ts
 * import { Cluster, Source, Sync, Dag } from 'syncprims';
 *
 * const cluster = Cluster.fromKubeconfig();
 * const crds = new Sync({ name: 'crds', cluster, source: Source.files('config/crds') });
 * const app = new Sync({ name: 'app', cluster, source: Source.files('config/app'), dependsOn: [crds] });
 * const bootstrap = new Dag([app], { name: 'bootstrap', concurrency: 4 });
 * bootstrap.on('progress', (p) => { if (p.phase === 'graph') console.log(`${p.done}/${p.total}`); });
 * const result = await bootstrap.sync({ signal: AbortSignal.timeout(600_000) });
 * for (const child of result.children ?? []) console.log(child.name, child.state, child.message);
 * ```
 */
export class Dag extends BaseSyncer {
  /** The syncers given to the dag (its graph adds their dependencies). */
  readonly roots: readonly Syncer[];
  /** Nodes running at once. */
  readonly concurrency: number;
  /** Whether the first node ending not ready stops the pass from starting more. */
  readonly failFast: boolean;
  private graph: SyncerGraph;

  constructor(syncers: readonly Syncer[], options: DagOptions = {}) {
    validateDagOptions(options);
    super({
      name: options.name ?? DEFAULT_DAG_NAME,
      ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.roots = Object.freeze([...syncers]);
    this.concurrency = options.concurrency ?? Infinity;
    this.failFast = options.failFast ?? false;
    this.graph = this.build();
  }

  /** Every syncer the dag runs (the roots and their dependencies), dependencies first. */
  get nodes(): readonly Syncer[] {
    const { nodes, order } = this.graph;
    return order.map((i) => nodes[i]!);
  }

  /**
   * One pass over the graph; see the class description for ordering, blocking and the result.
   *
   * Errors: rejects with `CycleError`/`OptionsError` when the graph became invalid, and with the
   * signal's reason when aborted; every node failure resolves (`ready: false`).
   */
  async sync(options: SyncPassOptions = {}): Promise<SyncResult> {
    const startedAt = Date.now();
    const { signal, dryRun = false } = options;
    throwIfAborted(signal);
    const graph = this.build();
    const kind: PassKind = dryRun ? 'dryRun' : 'sync';
    const pass: SyncPassOptions = { ...options, ...(signal ? { signal } : {}), dryRun };
    const results = new Map<Syncer, SyncResult>();
    const assumed = new Map<Syncer, readonly KindDefinition[]>();
    const { children } = await this.runPass(
      graph,
      kind,
      async (node) => {
        const kinds = dryRun ? assumedKinds(graph, node, results, assumed, options.assumeKinds ?? []) : [];
        const result = await node.sync(kinds.length > 0 ? { ...pass, assumeKinds: kinds } : pass);
        results.set(node, result);
        return result;
      },
      signal,
    );
    const definesKinds = dryRun ? children.flatMap((c) => c.definesKinds ?? []) : [];
    return this.finish({ ...summarizePass(children, kind), children, definesKinds, startedAt });
  }

  /**
   * Tears the graph down in reverse dependency order: a node is deleted once every node that
   * depends on it is deleted. Nodes without `delete()` are skipped (and do not hold anything
   * up); when a node's delete does not end `ready`, its dependencies are not deleted (it may
   * still need them) and end `blocked`.
   *
   * Errors: as for {@link Dag.sync}.
   */
  override async delete(options: DeletePassOptions = {}): Promise<SyncResult> {
    const startedAt = Date.now();
    const { signal } = options;
    throwIfAborted(signal);
    const graph = this.build();
    const pass: DeletePassOptions = signal ? { signal } : {};
    const { children, skipped } = await this.runPass(
      graph,
      'delete',
      (node) => (typeof node.delete === 'function' ? node.delete(pass) : undefined),
      signal,
    );
    const note = skipped > 0 ? `${skipped} without delete() skipped` : undefined;
    return this.finish({ ...summarizePass(children, 'delete', note), children, startedAt });
  }

  private build(): SyncerGraph {
    const graph = buildGraph(this.roots);
    checkNesting(this, graph.nodes, (s) => (s instanceof Dag ? s.graph.nodes : undefined));
    this.graph = graph;
    return graph;
  }

  private async runPass(
    graph: SyncerGraph,
    kind: PassKind,
    step: (node: Syncer) => Promise<SyncResult> | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ children: SyncResult[]; skipped: number }> {
    const { nodes } = graph;
    const total = nodes.length;
    const stepName = kind === 'delete' ? 'delete' : 'sync';
    const results = new Array<SyncResult | undefined>(total);
    const rootOf = new Int32Array(total);
    const depthOf = new Int32Array(total);
    const emittedOwn = new Uint8Array(total);
    const children: SyncResult[] = [];
    let skipped = 0;
    let done = 0;
    this.logger.debug('dag pass starting', { syncer: this.name, pass: kind, nodes: total });

    const run = async (i: number): Promise<SyncResult | undefined> => {
      const node = nodes[i]!;
      const startedAt = Date.now();
      const unsubscribe = forwardEvents(node, this, () => {
        emittedOwn[i] = 1;
      });
      try {
        const value = await step(node);
        if (value === undefined && kind === 'delete') return undefined;
        const checked = checkNodeResult(node, value);
        return typeof checked === 'string' ? failedNodeResult(node.name, { invalid: checked }, stepName, startedAt) : checked;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        return failedNodeResult(node.name, { rejected: error }, stepName, startedAt);
      } finally {
        unsubscribe();
      }
    };

    const block = (i: number, blocker: number): SyncResult => {
      const viaBlocked = depthOf[blocker]! > 0;
      const root = viaBlocked ? rootOf[blocker]! : blocker;
      const depth = viaBlocked ? depthOf[blocker]! + 1 : 1;
      rootOf[i] = root;
      depthOf[i] = depth;
      return blockedResult(nodes[i]!.name, results[blocker]!, results[root]!, depth);
    };

    const settle = (i: number, result: SyncResult | undefined): void => {
      results[i] = result;
      done++;
      if (result === undefined) skipped++;
      else {
        children.push(result);
        if (!emittedOwn[i]) this.emit(isOk(result) ? 'ready' : 'failed', result);
      }
      this.emit('progress', { syncer: this.name, phase: 'graph', done, total });
    };

    const reverse = kind === 'delete';
    await runGraph<SyncResult | undefined>({
      waitsFor: reverse ? graph.dependents : graph.dependencies,
      wakes: reverse ? graph.dependencies : graph.dependents,
      concurrency: this.concurrency,
      failFast: this.failFast,
      ...(signal ? { signal } : {}),
      run,
      satisfied: isOk,
      block,
      stopped: (i, cause) => stoppedResult(nodes[i]!.name, results[cause]!),
      settle,
    });
    this.logger.debug('dag pass finished', { syncer: this.name, pass: kind, nodes: total, notReady: children.filter((c) => !isOk(c)).length });
    return { children, skipped };
  }
}

/**
 * Composes syncers into a dependency graph that is itself a {@link Syncer}: `dag(a, b)` runs `a`,
 * `b` and everything they depend on, each once, in dependency order. The last argument may be
 * {@link DagOptions}. See {@link Dag} for scheduling, blocking, events and the result.
 *
 * Errors: throws `OptionsError` for invalid options, non-syncers or duplicate names, and
 * `CycleError` with the cycle's path, before anything runs.
 *
 * @example
 * ```ts
 * import { Cluster, Source, Sync, dag } from 'syncprims';
 *
 * const mgmt = Cluster.fromKubeconfig();
 * const crds = new Sync({ name: 'crds', cluster: mgmt, source: Source.files('config/crds') });
 * const app = new Sync({ name: 'app', cluster: mgmt, source: Source.files('config/app'), dependsOn: [crds] });
 * const result = await dag(app, { name: 'bootstrap' }).sync({ signal: AbortSignal.timeout(600_000) });
 * console.log(result.message); // e.g. '2/2 ready'
 * ```
 */
export function dag(...syncers: Syncer[]): Dag;
export function dag(...args: [...syncers: Syncer[], options: DagOptions]): Dag;
export function dag(...args: (Syncer | DagOptions)[]): Dag {
  if (args.some((a) => Array.isArray(a))) {
    throw new OptionsError('dag: pass syncers as separate arguments (spread an array: dag(...syncers))');
  }
  const last = args[args.length - 1];
  if (args.length > 0 && isDagOptions(last)) return new Dag(args.slice(0, -1) as Syncer[], last);
  return new Dag(args as Syncer[]);
}

/**
 * The kinds a dry-run node may assume exist: those its dependencies would define (their
 * `definesKinds`), plus what those dependencies could assume themselves, plus what the dag
 * was given. Dependencies have finished before a node starts, so their results are known.
 */
function assumedKinds(
  graph: SyncerGraph,
  node: Syncer,
  results: ReadonlyMap<Syncer, SyncResult>,
  assumed: Map<Syncer, readonly KindDefinition[]>,
  given: readonly KindDefinition[],
): readonly KindDefinition[] {
  const out = new Map<string, KindDefinition>();
  for (const k of given) out.set(`${k.apiVersion}/${k.kind}`, k);
  for (const dep of graph.dependencies[graph.index.get(node)!]!) {
    const depNode = graph.nodes[dep]!;
    for (const k of [...(assumed.get(depNode) ?? []), ...(results.get(depNode)?.definesKinds ?? [])]) out.set(`${k.apiVersion}/${k.kind}`, k);
  }
  const kinds = [...out.values()];
  assumed.set(node, kinds);
  return kinds;
}

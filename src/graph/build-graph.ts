import type { Syncer } from '../core/syncer.js';
import { CycleError, OptionsError } from '../core/sync-error.js';
import { findGraphCycle } from './find-graph-cycle.js';
import { reverseEdges, topologicalOrder } from './topological-order.js';
import type { SyncerGraph } from './syncer-graph.js';

/**
 * Builds the dependency graph of `roots`: the roots plus the transitive closure of their
 * `dependsOn` (a dependency that is not among the roots is pulled in). The same syncer object
 * reached twice is one node. Pure (no I/O), O(V+E), no recursion.
 *
 * Errors: throws `OptionsError` (`INVALID_OPTIONS`) when something is not a syncer (needs a
 * non-empty `name`, a `dependsOn` array and `sync()`) or when two different syncer objects
 * share a name (the message says where each one was reached); throws `CycleError`
 * (`DEPENDENCY_CYCLE`) with the cycle's path (`a -> b -> c -> a`, or `a -> a`), where
 * `a -> b` reads "a depends on b".
 *
 * @example
 * ```ts
 * import { buildGraph, type Syncer, type SyncResult } from 'syncprims';
 *
 * const noop = (name: string, dependsOn: Syncer[] = []): Syncer => ({
 *   name,
 *   dependsOn,
 *   sync: async (): Promise<SyncResult> =>
 *     ({ name, ready: true, state: 'ready', changes: [], revision: '', message: 'ok', durationMs: 0 }),
 * });
 * const crds = noop('crds');
 * const graph = buildGraph([noop('app', [crds])]);
 * graph.order.map((i) => graph.nodes[i]!.name); // ['crds', 'app']
 * ```
 */
export function buildGraph(roots: readonly Syncer[]): SyncerGraph {
  if (!Array.isArray(roots)) throw new OptionsError('the syncers of a graph must be given as an array');
  const nodes: Syncer[] = [];
  // Where each node was first reached: parent node index (-1 for a root) and position.
  const parentOf: number[] = [];
  const positionOf: number[] = [];
  const index = new Map<Syncer, number>();
  const byName = new Map<string, number>();
  const where = (parent: number, position: number): string =>
    parent < 0 ? `argument ${position + 1}` : `dependsOn[${position}] of ${JSON.stringify(nodes[parent]!.name)}`;

  const add = (candidate: unknown, parent: number, position: number): number => {
    const known = index.get(candidate as Syncer);
    if (known !== undefined) return known;
    const syncer = checkSyncer(candidate, () => where(parent, position));
    const clash = byName.get(syncer.name);
    if (clash !== undefined) {
      throw new OptionsError(
        `two different syncers are named ${JSON.stringify(syncer.name)}: ${describe(nodes[clash]!)} ` +
          `(${where(parentOf[clash]!, positionOf[clash]!)}) and ${describe(syncer)} (${where(parent, position)}); ` +
          'names must be unique within a dag',
      );
    }
    const i = nodes.length;
    nodes.push(syncer);
    parentOf.push(parent);
    positionOf.push(position);
    index.set(syncer, i);
    byName.set(syncer.name, i);
    return i;
  };

  for (let k = 0; k < roots.length; k++) add(roots[k], -1, k);

  const dependencies: number[][] = [];
  const listedBy: number[] = []; // listedBy[j] === i: node i already lists j
  for (let i = 0; i < nodes.length; i++) {
    const list = nodes[i]!.dependsOn ?? [];
    const deps: number[] = [];
    for (let k = 0; k < list.length; k++) {
      const j = add(list[k], i, k);
      if (listedBy[j] === i) continue; // the same dependency listed twice
      listedBy[j] = i;
      deps.push(j);
    }
    dependencies.push(deps);
  }

  const dependents = reverseEdges(dependencies);
  const order = topologicalOrder(dependencies, dependents);
  if (order.length < nodes.length) {
    const cycle = findGraphCycle(dependencies);
    if (cycle) throw new CycleError(cycle.map((i) => nodes[i]!.name));
  }
  return { nodes, dependencies, dependents, order, index };
}

function checkSyncer(candidate: unknown, where: () => string): Syncer {
  const s = candidate as Partial<Syncer> | null | undefined;
  if (typeof s !== 'object' || s === null) {
    throw new OptionsError(`${where()} is not a syncer: expected an object with name, dependsOn and sync()`);
  }
  if (typeof s.name !== 'string' || s.name.length === 0) {
    throw new OptionsError(`${where()} is not a syncer: \`name\` must be a non-empty string`);
  }
  if (typeof s.sync !== 'function') {
    throw new OptionsError(`${where()} (${JSON.stringify(s.name)}) is not a syncer: \`sync\` must be a function`);
  }
  if (s.dependsOn !== undefined && !Array.isArray(s.dependsOn)) {
    throw new OptionsError(`${JSON.stringify(s.name)}: \`dependsOn\` must be an array of syncers`);
  }
  return s as Syncer;
}

function describe(syncer: Syncer): string {
  const kind = (syncer as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof kind === 'string' && kind !== '' && kind !== 'Object' ? `a ${kind}` : 'a syncer';
}

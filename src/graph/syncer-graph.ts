import type { Syncer } from '../core/syncer.js';

/**
 * The dependency graph of a set of syncers: the roots plus the transitive closure of their
 * `dependsOn`, each syncer object once. Built by {@link buildGraph}; nodes are addressed by
 * their index in `nodes`.
 */
export interface SyncerGraph {
  /** Every syncer of the graph, once: the roots first, then their dependencies breadth-first. */
  readonly nodes: readonly Syncer[];
  /** For each node, the indices of the nodes it depends on (no duplicates). */
  readonly dependencies: readonly (readonly number[])[];
  /** For each node, the indices of the nodes that depend on it (the reverse edges). */
  readonly dependents: readonly (readonly number[])[];
  /** Every node index in a topological order: dependencies before their dependents. */
  readonly order: readonly number[];
  /** The index of each syncer object. */
  readonly index: ReadonlyMap<Syncer, number>;
}

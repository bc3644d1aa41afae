export { dag, Dag } from './dag.js';
export { type DagOptions, DEFAULT_DAG_NAME } from './dag-options.js';
export { buildGraph } from './build-graph.js';
export type { SyncerGraph } from './syncer-graph.js';
export { findGraphCycle } from './find-graph-cycle.js';
export { topologicalOrder } from './topological-order.js';

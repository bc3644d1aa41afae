/**
 * syncprims: Kubernetes sync primitives.
 *
 * `Sync` applies configuration to the local cluster, `RemoteSync` to a remote cluster
 * through credentials held in the management cluster, `ProxySync` maintains a `Sync`
 * inside a remote cluster, and `dag(...)` composes any of them in dependency order.
 *
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './cluster/index.js';
export * from './manifests/index.js';
export * from './health/index.js';
export * from './graph/index.js';
export * from './syncs/index.js';
export * from './api/index.js';
export * from './controller/index.js';
export * from './recipes/index.js';

/** Whether objects of a kind live in a namespace (`Namespaced`) or not (`Cluster`). */
export type ResourceScope = 'Namespaced' | 'Cluster';

/**
 * Tells the scope of a kind as the target cluster serves it, or `undefined` when the cluster
 * does not serve it. Usually backed by the cluster's REST mapper. May throw a `SyncError`
 * (e.g. `UNREACHABLE`); it is passed through.
 */
export type ScopeResolver = (
  apiVersion: string,
  kind: string,
  options: { signal?: AbortSignal },
) => Promise<ResourceScope | undefined>;

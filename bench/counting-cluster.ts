import type { Cluster, ConnectOptions, KubeClient } from '../src/index.js';
import type { RequestCounts } from './request-counts.js';

/** A cluster whose clients are remembered, so a bench can sum the requests a Sync sent. */
export interface CountingCluster {
  /** Pass this to `new Sync({ cluster })`. */
  readonly cluster: Cluster;
  /** Requests by HTTP method, summed over every client the cluster handed out so far. */
  requests(): RequestCounts;
}

/**
 * Wraps a cluster so that every client `connect()` returns is kept and its `stats` can be
 * read after the pass (each `connect()` returns a client view with its own counters).
 * The wrapper inherits from the cluster, so it is a `Cluster` for every other purpose.
 */
export function countingCluster(base: Cluster): CountingCluster {
  const clients: KubeClient[] = [];
  const cluster = Object.create(base) as Cluster;
  Object.defineProperty(cluster, 'connect', {
    value: async (options?: ConnectOptions): Promise<KubeClient> => {
      const client = await base.connect(options);
      clients.push(client);
      return client;
    },
  });
  return {
    cluster,
    requests() {
      const out: Record<string, number> = {};
      for (const c of new Set(clients)) for (const [m, n] of Object.entries(c.stats)) out[m] = (out[m] ?? 0) + n;
      return out;
    },
  };
}

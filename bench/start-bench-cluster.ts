import { startFleet } from '../src/fleet/index.js';

/** A cluster the bench runs against. */
export interface BenchCluster {
  /** An admin kubeconfig. */
  readonly kubeconfig: string;
  /** Where the fleet keeps its files and logs (undefined for an existing cluster). */
  readonly dir?: string;
  /** Stops what the bench started (nothing for an existing cluster); `keepFiles` keeps the fleet's logs. */
  stop(options?: { keepFiles?: boolean }): Promise<void>;
}

/**
 * Starts a one-cluster local fleet (etcd + kube-apiserver; no controller-manager: nothing in
 * the apply benchmarks needs one), or uses `kubeconfig` when given.
 */
export async function startBenchCluster(options: { kubeconfig?: string; binDir?: string; log: (line: string) => void; signal?: AbortSignal }): Promise<BenchCluster> {
  if (options.kubeconfig) return { kubeconfig: options.kubeconfig, stop: async () => undefined };
  const fleet = await startFleet({
    clusters: ['bench'],
    controllerManager: false,
    onProgress: (line) => options.log(`fleet: ${line}`),
    ...(options.binDir ? { binDir: options.binDir } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const cluster = fleet.clusters.bench;
  if (!cluster) throw new Error('the fleet has no cluster named bench');
  return { kubeconfig: cluster.kubeconfigPath('admin'), dir: fleet.dir, stop: (opts) => fleet.stop({ keepFiles: opts?.keepFiles ?? false }) };
}

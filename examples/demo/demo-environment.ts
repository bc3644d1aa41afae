import { Cluster } from '../../src/index.js';
import { ensureBinaries, startFleet } from '../../src/fleet/index.js';
import { contextKubeconfig } from './context-kubeconfig.js';
import type { DemoOutput } from './demo-output.js';
import { seconds } from './demo-output.js';

/** The clusters the demo needs. */
export const DEMO_CLUSTERS = ['mgmt', 'edge-1', 'edge-2'] as const;
export type DemoClusterName = (typeof DEMO_CLUSTERS)[number];

/** Where the demo runs: the local fleet, or real clusters from `SYNCPRIMS_DEMO_KUBECONFIG`. */
export interface DemoEnvironment {
  readonly local: boolean;
  /** Admin access to each cluster, for this process. */
  readonly clusters: Readonly<Record<DemoClusterName, Cluster>>;
  /** The kubeconfig of an edge, for its Secret in mgmt. */
  edgeKubeconfig(name: 'edge-1' | 'edge-2'): string;
  /** Stops mgmt's API server (local fleet only). */
  stopManagement?(): Promise<void>;
  /** Starts it again (local fleet only). */
  startManagement?(): Promise<void>;
  /** Closes connections and, for the local fleet, stops every process. */
  close(): Promise<void>;
}

/**
 * Makes sure etcd, kube-apiserver and kube-controller-manager exist: builds them when they are
 * not cached yet (about 4-5 minutes, once), with the build's progress in grey.
 */
export async function prepareBinaries(out: DemoOutput, signal: AbortSignal): Promise<string> {
  const startedAt = Date.now();
  const binDir = await ensureBinaries({ signal, onProgress: (line) => out.detail(line) });
  out.ok(`etcd, kube-apiserver and kube-controller-manager in ${binDir} (${seconds(Date.now() - startedAt)})`);
  return binDir;
}

/** Starts the local fleet (mgmt, edge-1, edge-2) from the binaries in `binDir`. */
export async function startLocalEnvironment(out: DemoOutput, binDir: string, signal: AbortSignal): Promise<DemoEnvironment> {
  const startedAt = Date.now();
  const fleet = await startFleet({ clusters: DEMO_CLUSTERS, binDir, signal, onProgress: (line) => out.detail(line) });
  out.ok(`3 clusters up in ${seconds(Date.now() - startedAt)}: ${DEMO_CLUSTERS.map((n) => `${n} ${fleet.clusters[n]!.server}`).join(', ')}`);
  const clusters = Object.fromEntries(
    DEMO_CLUSTERS.map((name) => [name, Cluster.fromKubeconfig({ path: fleet.clusters[name]!.kubeconfigPath('admin'), name })]),
  ) as Record<DemoClusterName, Cluster>;
  const mgmt = fleet.clusters['mgmt']!;
  return {
    local: true,
    clusters,
    edgeKubeconfig: (name) => fleet.clusters[name]!.kubeconfigYaml('admin'),
    stopManagement: () => mgmt.stopApiServer(),
    startManagement: () => mgmt.startApiServer(),
    async close() {
      for (const c of Object.values(clusters)) c.close();
      await fleet.stop();
    },
  };
}

/** Real clusters: the contexts `mgmt`, `edge-1` and `edge-2` of the kubeconfig file `path`. */
export function kubeconfigEnvironment(path: string): DemoEnvironment {
  const clusters = Object.fromEntries(DEMO_CLUSTERS.map((name) => [name, Cluster.fromKubeconfig({ path, context: name, name })])) as Record<DemoClusterName, Cluster>;
  return {
    local: false,
    clusters,
    edgeKubeconfig: (name) => contextKubeconfig(path, name),
    async close() {
      for (const c of Object.values(clusters)) c.close();
    },
  };
}

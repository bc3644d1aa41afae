import { performance } from 'node:perf_hooks';
import { Cluster, Source, Sync, type ChangeAction } from '../src/index.js';
import { countingCluster } from './counting-cluster.js';
import type { RequestCounts } from './request-counts.js';

/** One syncprims pass to time. */
export interface SyncprimsPass {
  readonly kubeconfig: string;
  /** The Sync's name (its inventory and ownership label). */
  readonly name: string;
  /** The manifests folder (`Source.files`). */
  readonly dir: string;
  readonly concurrency: number;
}

/** What one timed syncprims pass did. */
export interface SyncprimsRun {
  /** Wall time of `sync()`, connection and discovery included (fresh `Cluster` each pass). */
  readonly ms: number;
  /** Requests the pass sent, by HTTP method (`KubeClient.stats`). */
  readonly requests: RequestCounts;
  /** Changes by action. */
  readonly actions: Readonly<Partial<Record<ChangeAction, number>>>;
}

/**
 * Runs one `Sync` pass with `wait: false` (kubectl does not wait for readiness either) and
 * prune on, from a fresh `Cluster` (cold connection pool and discovery, as in a new process).
 *
 * Errors: rejects with the pass's message when it does not end `ready`.
 */
export async function runSyncprimsPass(pass: SyncprimsPass, signal?: AbortSignal): Promise<SyncprimsRun> {
  const base = Cluster.fromKubeconfig({ path: pass.kubeconfig });
  const counting = countingCluster(base);
  try {
    const sync = new Sync({ name: pass.name, cluster: counting.cluster, source: Source.files(pass.dir), concurrency: pass.concurrency, wait: false, prune: true });
    const start = performance.now();
    const result = await sync.sync(signal ? { signal } : {});
    const ms = performance.now() - start;
    if (result.state !== 'ready') throw new Error(`syncprims pass ${pass.name} ended ${result.state}: ${result.error?.code ?? ''} ${result.message}`);
    const actions: Partial<Record<ChangeAction, number>> = {};
    for (const c of result.changes) actions[c.action] = (actions[c.action] ?? 0) + 1;
    return { ms, requests: counting.requests(), actions };
  } finally {
    base.close();
  }
}

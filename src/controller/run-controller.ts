import { Cluster } from '../cluster/cluster.js';
import { Controller } from './controller.js';
import type { ControllerOptions } from './controller-options.js';

/** Options of {@link runController}: the {@link ControllerOptions} plus where the cluster is. */
export interface RunControllerOptions extends Omit<ControllerOptions, 'cluster'> {
  /**
   * The management cluster.
   * @default from `kubeconfig`/`context` when given; else in-cluster when running in a pod
   * without `$KUBECONFIG`; else `$KUBECONFIG` or `~/.kube/config`
   */
  cluster?: Cluster;
  /** Path of the kubeconfig file. @default undefined (see `cluster`) */
  kubeconfig?: string;
  /** The kubeconfig context. @default the kubeconfig's current context */
  context?: string;
  /** Stops the controller when aborted. @default undefined */
  signal?: AbortSignal;
  /** Stop gracefully (abort passes, release the Lease) on SIGTERM and SIGINT. @default true */
  handleSignals?: boolean;
  /** Called once the controller runs (caches filled), e.g. to report readiness. @default undefined */
  onStarted?: (controller: Controller) => void;
}

/**
 * Picks the management cluster of {@link runController}: `cluster`, else a kubeconfig
 * (`kubeconfig`/`context`), else in-cluster when running in a pod without `$KUBECONFIG`,
 * else the default kubeconfig.
 *
 * @example
 * ```ts
 * import { resolveControllerCluster } from 'syncprims';
 * const cluster = resolveControllerCluster({ kubeconfig: 'mgmt.kubeconfig', context: 'admin@mgmt' });
 * ```
 */
export function resolveControllerCluster(options: Pick<RunControllerOptions, 'cluster' | 'kubeconfig' | 'context'>): Cluster {
  if (options.cluster) return options.cluster;
  const { kubeconfig, context } = options;
  if (kubeconfig === undefined && context === undefined && process.env['KUBERNETES_SERVICE_HOST'] && !process.env['KUBECONFIG']) {
    return Cluster.inCluster();
  }
  return Cluster.fromKubeconfig({ ...(kubeconfig !== undefined ? { path: kubeconfig } : {}), ...(context !== undefined ? { context } : {}) });
}

/**
 * Runs the controller until SIGTERM/SIGINT or `signal`, then shuts down gracefully (in-flight
 * passes aborted, Lease released, Events flushed) and resolves. This is what
 * `syncprims controller` calls.
 *
 * Errors: rejects with `OptionsError` for bad options and with the cluster's `SyncError` when
 * it cannot connect at start; later errors are retried and reported, never thrown.
 *
 * @example
 * ```ts
 * import { runController } from 'syncprims';
 * await runController({ kubeconfig: 'mgmt.kubeconfig', namespace: 'fleet', concurrency: 8 });
 * ```
 */
export async function runController(options: RunControllerOptions = {}): Promise<void> {
  const { cluster: _cluster, kubeconfig: _kubeconfig, context: _context, signal, handleSignals = true, onStarted, ...rest } = options;
  const controller = new Controller({ ...rest, cluster: resolveControllerCluster(options) });
  const stopped = new Promise<void>((resolve) => controller.once('stopped', resolve));
  const onSignal = (): void => void controller.stop();
  if (handleSignals) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  try {
    await controller.start(signal ? { signal } : {});
    onStarted?.(controller);
    await stopped;
  } finally {
    if (handleSignals) {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
  }
}

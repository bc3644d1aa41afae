import type { Cluster } from '../cluster/cluster.js';
import type { Logger } from '../core/logger.js';
import type { SyncKind } from '../api/group.js';
import type { EventRecorderOptions } from './event-recorder.js';
import type { KindReconciler } from './kind-reconciler.js';
import type { LeaderElectionOptions } from './leader-election-options.js';

/** Options of {@link Controller}. */
export interface ControllerOptions {
  /** The management cluster: where the custom resources live. */
  cluster: Cluster;
  /** Watch and reconcile one namespace only. @default undefined (all namespaces) */
  namespace?: string;
  /** Custom resources reconciled at the same time, at most (each one is always serialised). @default 4 */
  concurrency?: number;
  /**
   * Leader election with a `coordination.k8s.io/v1` Lease, so two replicas never reconcile at
   * once; `false` turns it off (a single replica). The Lease's namespace must exist.
   * @default true (Lease `syncprims-system/syncprims-controller`, 15 s / 10 s / 2 s)
   */
  leaderElection?: boolean | LeaderElectionOptions;
  /** Where diagnostics go. @default a silent logger */
  logger?: Logger;
  /**
   * The kinds to reconcile; each needs a reconciler. Every syncprims kind is watched anyway,
   * so `dependsOn` works across all of them.
   * @default every kind in `reconcilers`
   */
  kinds?: readonly SyncKind[];
  /**
   * How each kind becomes a syncer: the extension point (ProxySync adds its own).
   * @default [syncReconciler, remoteSyncReconciler, proxySyncReconciler]
   */
  reconcilers?: readonly KindReconciler[];
  /** Kubernetes Events on the custom resources (applied / pruned / failed); `false` turns them off. @default true */
  events?: boolean | Omit<EventRecorderOptions, 'logger'>;
}

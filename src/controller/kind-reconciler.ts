import type { Cluster } from '../cluster/cluster.js';
import type { KubeClient } from '../cluster/kube-client.js';
import type { Logger } from '../core/logger.js';
import type { KubeObject } from '../core/object-ref.js';
import type { Syncer } from '../core/syncer.js';
import type { SyncResult } from '../core/sync-result.js';
import type { SyncKind } from '../api/group.js';
import type { SpecOf } from '../api/decode-spec.js';
import type { StatusOf } from '../api/decode-status.js';

/** What a {@link KindReconciler} gets to build the syncer of one custom resource. */
export interface SyncerInput<K extends SyncKind> {
  /** The custom resource, as last seen. */
  readonly object: KubeObject;
  /** Its decoded spec (defaults applied, durations in ms). */
  readonly spec: SpecOf<K>;
  readonly namespace: string;
  readonly name: string;
  /** The management cluster: where the custom resources (and their ConfigMaps and Secrets) live. */
  readonly cluster: Cluster;
  /** The controller's client of the management cluster. */
  readonly client: KubeClient;
  /** The controller's logger. */
  readonly logger: Logger;
  /** Aborts building (e.g. reading the management cluster's identity). */
  readonly signal: AbortSignal;
}

/** A syncer built for one generation of a custom resource, and how to let go of it. */
export interface SyncerHandle {
  /** Runs one pass (`sync`) and the teardown on deletion (`delete`). */
  readonly syncer: Syncer & Required<Pick<Syncer, 'delete'>>;
  /** Frees what building it opened (a connection to a remote cluster). @default undefined */
  readonly dispose?: () => void;
}

/**
 * The extension point of the controller: how the custom resources of one kind become a
 * {@link Syncer}. The controller does everything else the same way for every kind (watch,
 * queue, finalizer, `suspend`, `dependsOn`, status, events, retries); a kind only says which
 * syncer makes its spec true. The handle is reused for every pass of a generation.
 *
 * @example
 * ```ts
 * import { Controller, Cluster, syncReconciler, remoteSyncReconciler, type KindReconciler } from 'syncprims';
 * declare const proxySyncReconciler: KindReconciler<'ProxySync'>;
 * const controller = new Controller({
 *   cluster: Cluster.fromKubeconfig(),
 *   reconcilers: [syncReconciler, remoteSyncReconciler, proxySyncReconciler],
 * });
 * ```
 */
export interface KindReconciler<K extends SyncKind = SyncKind> {
  /** The kind this reconciler handles. */
  readonly kind: K;
  /** Builds the syncer for one generation of one object. Errors: a `SyncError` fails the reconcile (retried with backoff). */
  createSyncer(input: SyncerInput<K>): SyncerHandle | Promise<SyncerHandle>;
  /**
   * Adjusts the status the controller computed after a pass, for kinds whose status says more
   * than the common fields (a ProxySync mirrors its remote Sync). Pure.
   * @default undefined (the common status as computed)
   */
  refineStatus?(status: StatusOf<K>, context: StatusRefinement<K>): StatusOf<K>;
}

/** What {@link KindReconciler.refineStatus} gets besides the status computed for a pass. */
export interface StatusRefinement<K extends SyncKind = SyncKind> {
  /** The status before the pass. */
  readonly previous: StatusOf<K>;
  /** The pass result the status was computed from. */
  readonly result: SyncResult;
  /** The object's `metadata.generation`. */
  readonly generation: number;
  readonly now: Date;
}

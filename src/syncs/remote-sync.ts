import type { Cluster, KubeClient } from '../cluster/index.js';
import type { OwnerIdentity } from '../apply/owner-identity.js';
import { ApplySyncer } from './apply-syncer.js';
import { connectRemote, remoteOwnerIdentity } from './remote-access.js';
import { targetCluster, type ApplySyncOptions } from './sync-options.js';

/** Options of {@link RemoteSync}: the options of `Sync` (see {@link ApplySyncOptions}) plus the management cluster. */
export interface RemoteSyncOptions extends ApplySyncOptions {
  /**
   * The management cluster that holds the remote cluster's credentials; its identity (the uid of
   * its `kube-system` namespace) goes into the ownership label, so two management clusters never
   * prune each other's objects.
   * @default the cluster `cluster` was made from by `Cluster.fromSecret(mgmt, ...)`
   */
  management?: Cluster;
}

/**
 * Applies a set of manifests directly to a remote cluster, reached through credentials the
 * management cluster holds (a kubeconfig Secret: `Cluster.fromSecret`). The push flavour of
 * syncing, used for registration: installing CRDs and the controller into a new cluster.
 *
 * Same semantics as `Sync` (staged apply, inventory kept in the *remote* cluster, prune,
 * readiness, dry run, delete). The Secret is read again at every pass, so rotated credentials
 * are picked up; warnings about the kubeconfig (e.g. `insecure-skip-tls-verify`) are emitted
 * as `warning` events.
 *
 * Errors: `sync()` resolves with `ready: false` and a typed error: `SECRET_NOT_FOUND`,
 * `SECRET_KEY_MISSING`, `KUBECONFIG_INVALID`, `KUBECONFIG_NOT_ALLOWED`, `UNREACHABLE`, `TLS`,
 * `UNAUTHORIZED`, `FORBIDDEN`, plus everything `Sync` reports.
 *
 * @example
 * ```ts
 * import { Cluster, RemoteSync, Source } from 'syncprims';
 *
 * const mgmt = Cluster.fromKubeconfig();
 * const edge = Cluster.fromSecret(mgmt, { namespace: 'fleet', name: 'edge-1-kubeconfig' });
 * const install = new RemoteSync({ name: 'install', cluster: edge, source: Source.files('deploy') });
 * install.on('warning', (w) => console.warn(w.code, w.message));
 * const result = await install.sync();
 * console.log(result.state, result.message);
 * ```
 */
export class RemoteSync extends ApplySyncer {
  /** The remote cluster. */
  readonly cluster: Cluster;
  private readonly management?: Cluster;
  private readonly fixedIdentity?: OwnerIdentity;

  constructor(options: RemoteSyncOptions) {
    super('RemoteSync', options);
    this.cluster = targetCluster(options);
    const management = options.management ?? this.cluster.origin.management;
    if (management) this.management = management;
    if (options.ownerIdentity) this.fixedIdentity = options.ownerIdentity;
  }

  protected connect(signal?: AbortSignal): Promise<KubeClient> {
    return connectRemote(this.cluster, this, signal);
  }

  protected async owner(_client: KubeClient, signal?: AbortSignal): Promise<OwnerIdentity> {
    return this.fixedIdentity ?? remoteOwnerIdentity('RemoteSync', this.name, this.cluster, this.management, signal);
  }
}

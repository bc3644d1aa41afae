import type { Cluster, KubeClient } from '../cluster/index.js';
import type { OwnerIdentity } from '../apply/owner-identity.js';
import { ApplySyncer } from './apply-syncer.js';
import { targetCluster, type ApplySyncOptions } from './sync-options.js';

/** Options of {@link Sync}: see {@link ApplySyncOptions} for every field and its default. */
export type SyncOptions = ApplySyncOptions;

/**
 * Applies a set of manifests to one cluster: staged server-side apply, an inventory kept in
 * the cluster, prune, and a watch-driven readiness wait. Used to bootstrap a management
 * cluster; the apply engine under `RemoteSync` and the controller.
 *
 * Objects carry the label `syncprims.dev/owner` (a hash of `Sync/<name>`); its inventory is
 * the ConfigMap `sync-<name>-<hash>` in `inventoryNamespace`.
 *
 * Errors: the constructor throws `OptionsError` for invalid options; `sync()` resolves with
 * `ready: false` and a typed error for every failure and rejects only on abort.
 *
 * @example
 * ```ts
 * import { Cluster, Source, Sync } from 'syncprims';
 *
 * const cluster = Cluster.fromKubeconfig();
 * const crds = new Sync({ name: 'crds', cluster, source: Source.files('config/crds') });
 * const app = new Sync({ name: 'app', cluster, source: Source.files('config/app'), dependsOn: [crds], timeout: 60_000 });
 * app.on('applied', ({ change }) => console.log(change.action, change.ref.name));
 * const result = await app.sync({ signal: AbortSignal.timeout(120_000) });
 * if (!result.ready) console.error(result.error?.code, result.message);
 * ```
 */
export class Sync extends ApplySyncer {
  /** The target cluster. */
  readonly cluster: Cluster;
  private readonly identity: OwnerIdentity;

  constructor(options: SyncOptions) {
    super('Sync', options);
    this.cluster = targetCluster(options);
    this.identity = options.ownerIdentity ?? { kind: 'Sync', name: this.name };
  }

  protected connect(signal?: AbortSignal): Promise<KubeClient> {
    return this.cluster.connect(signal ? { signal } : {});
  }

  protected async owner(): Promise<OwnerIdentity> {
    return this.identity;
  }
}

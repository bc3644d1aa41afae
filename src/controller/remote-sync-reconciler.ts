import { RemoteSync } from '../syncs/remote-sync.js';
import { remoteClusterOf } from './remote-cluster-of.js';
import type { KindReconciler, SyncerInput } from './kind-reconciler.js';
import { CustomResourceSource } from './custom-resource-source.js';
import { actingAs, applyOptionsOf } from './sync-reconciler.js';

/**
 * Reconciles `RemoteSync` custom resources with the SDK's {@link RemoteSync}: the remote
 * cluster comes from `spec.kubeConfig.secretRef` (a Secret in the resource's namespace, read
 * at every pass; exec plugins and file references refused), acting as
 * `spec.serviceAccountName` there when set. Objects are owned by
 * `{ kind: 'RemoteSync', namespace, name, scope: <management cluster id> }`.
 *
 * @example
 * ```ts
 * import { Cluster, Controller, remoteSyncReconciler } from 'syncprims';
 * // A controller for RemoteSync resources only, e.g. in a registration service.
 * const controller = new Controller({ cluster: Cluster.fromKubeconfig(), reconcilers: [remoteSyncReconciler] });
 * ```
 */
export const remoteSyncReconciler: KindReconciler<'RemoteSync'> = Object.freeze({
  kind: 'RemoteSync' as const,
  async createSyncer(input: SyncerInput<'RemoteSync'>) {
    const { spec, namespace, name, cluster, client, logger, signal } = input;
    const { remote, scope } = await remoteClusterOf(cluster, namespace, spec.kubeConfig, signal);
    const sync = new RemoteSync({
      name,
      cluster: actingAs(remote, namespace, spec.serviceAccountName),
      management: cluster,
      source: new CustomResourceSource(client, namespace, `RemoteSync ${namespace}/${name}`, spec.source),
      ...applyOptionsOf(spec),
      ownerIdentity: { kind: 'RemoteSync', namespace, name, scope },
      logger,
    });
    return { syncer: sync, dispose: () => remote.close() };
  },
});

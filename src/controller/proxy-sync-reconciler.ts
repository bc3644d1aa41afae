import type { ProxySyncStatus } from '../api/status.js';
import { ProxySync } from '../syncs/proxy-sync.js';
import { remoteClusterOf } from './remote-cluster-of.js';
import { mirrorRemoteStatus } from '../syncs/proxy/mirror-remote-status.js';
import type { KindReconciler, StatusRefinement, SyncerInput } from './kind-reconciler.js';
import { CustomResourceSource } from './custom-resource-source.js';

/**
 * Reconciles `ProxySync` custom resources with the SDK's {@link ProxySync}: the remote cluster
 * comes from `spec.kubeConfig.secretRef` (a Secret in the resource's namespace, read at every
 * pass; exec plugins and file references refused); the remote Sync is `spec.template`
 * (named and namespaced like the ProxySync unless `template.metadata` says otherwise), its
 * manifests read from `template.spec.source` in the management cluster and written into the
 * remote cluster as the payload. `spec.timeout` bounds the wait for the remote Sync,
 * `template.spec.timeout` is the remote Sync's own. The remote Sync is owned by
 * `{ kind: 'ProxySync', namespace, name, scope: <management cluster id> }`.
 *
 * Status: the remote Sync mirrored (conditions with the remote's reason, `inventory`,
 * `remoteObservedGeneration`, `lastSeenTime`, `remote`); when the remote cluster cannot be
 * reached, `Ready=False` with reason `Unreachable` and the last known remote status kept,
 * marked stale in the message.
 *
 * @example
 * ```ts
 * import { Cluster, Controller, proxySyncReconciler, remoteSyncReconciler, syncReconciler } from 'syncprims';
 * const controller = new Controller({
 *   cluster: Cluster.fromKubeconfig(),
 *   reconcilers: [syncReconciler, remoteSyncReconciler, proxySyncReconciler],
 * });
 * await controller.start();
 * ```
 */
export const proxySyncReconciler: KindReconciler<'ProxySync'> = Object.freeze({
  kind: 'ProxySync' as const,
  async createSyncer(input: SyncerInput<'ProxySync'>) {
    const { spec, namespace, name, cluster, client, logger, signal } = input;
    const { remote, scope } = await remoteClusterOf(cluster, namespace, spec.kubeConfig, signal);
    const { metadata, spec: template } = spec.template;
    const proxy = new ProxySync({
      name,
      cluster: remote,
      management: cluster,
      namespace: metadata?.namespace ?? namespace,
      remoteName: metadata?.name ?? name,
      ...(metadata?.labels ? { labels: metadata.labels } : {}),
      ...(metadata?.annotations ? { annotations: metadata.annotations } : {}),
      source: new CustomResourceSource(client, namespace, `ProxySync ${namespace}/${name}`, template.source),
      interval: template.interval,
      retryInterval: template.retryInterval,
      remoteTimeout: template.timeout,
      timeout: spec.timeout,
      prune: template.prune,
      wait: template.wait,
      force: template.force,
      suspend: template.suspend,
      ...(template.targetNamespace ? { targetNamespace: template.targetNamespace } : {}),
      ...(template.serviceAccountName ? { serviceAccountName: template.serviceAccountName } : {}),
      remoteDependsOn: template.dependsOn,
      deletionPolicy: spec.deletionPolicy,
      ownerIdentity: { kind: 'ProxySync', namespace, name, scope },
      logger,
    });
    return { syncer: proxy, dispose: () => remote.close() };
  },
  refineStatus(status: ProxySyncStatus, context: StatusRefinement<'ProxySync'>): ProxySyncStatus {
    return mirrorRemoteStatus(status, context);
  },
});

import { Sync } from '../syncs/sync.js';
import type { Cluster } from '../cluster/cluster.js';
import type { SyncSpec } from '../api/sync-spec.js';
import type { KindReconciler, SyncerInput } from './kind-reconciler.js';
import { CustomResourceSource } from './custom-resource-source.js';

/** The options `Sync` and `RemoteSync` share, from a decoded spec. */
export function applyOptionsOf(spec: SyncSpec): { prune: boolean; wait: boolean; timeout: number; force: boolean; targetNamespace?: string } {
  return {
    prune: spec.prune,
    wait: spec.wait,
    timeout: spec.timeout,
    force: spec.force,
    ...(spec.targetNamespace ? { targetNamespace: spec.targetNamespace } : {}),
  };
}

/** `cluster`, or a view of it acting as `spec.serviceAccountName` of `namespace`. */
export function actingAs(cluster: Cluster, namespace: string, serviceAccountName: string | undefined): Cluster {
  return serviceAccountName ? cluster.impersonate({ serviceAccount: { namespace, name: serviceAccountName } }) : cluster;
}

/**
 * Reconciles `Sync` custom resources with the SDK's {@link Sync}: applied to the management
 * cluster, as `spec.serviceAccountName` when set (impersonation), owned by
 * `{ kind: 'Sync', namespace, name }`, with the inventory in the resource's own namespace.
 *
 * Caveat: with `serviceAccountName`, that account also needs to read and write ConfigMaps in
 * the resource's namespace (the inventory).
 *
 * @example
 * ```ts
 * import { Cluster, Controller, syncReconciler } from 'syncprims';
 * // A controller for Sync resources only.
 * const controller = new Controller({ cluster: Cluster.fromKubeconfig(), reconcilers: [syncReconciler] });
 * ```
 */
export const syncReconciler: KindReconciler<'Sync'> = Object.freeze({
  kind: 'Sync' as const,
  createSyncer(input: SyncerInput<'Sync'>) {
    const { spec, namespace, name, cluster, client, logger } = input;
    const owner = `Sync ${namespace}/${name}`;
    const sync = new Sync({
      name,
      cluster: actingAs(cluster, namespace, spec.serviceAccountName),
      source: new CustomResourceSource(client, namespace, owner, spec.source),
      ...applyOptionsOf(spec),
      inventoryNamespace: namespace,
      ownerIdentity: { kind: 'Sync', namespace, name },
      logger,
    });
    return { syncer: sync };
  },
});

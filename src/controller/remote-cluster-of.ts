import { Cluster } from '../cluster/cluster.js';
import type { KubeConfigRef } from '../api/index.js';
import { managementId } from '../syncs/management-id.js';

/**
 * The downstream cluster of a `RemoteSync` or `ProxySync` resource: `spec.kubeConfig.secretRef`
 * read from the resource's namespace of the management cluster (at every pass; exec plugins and
 * file references refused), and the management cluster's id for the ownership identity.
 */
export async function remoteClusterOf(
  management: Cluster,
  namespace: string,
  kubeConfig: KubeConfigRef,
  signal?: AbortSignal,
): Promise<{ remote: Cluster; scope: string }> {
  const { secretRef } = kubeConfig;
  const remote = Cluster.fromSecret(management, {
    namespace,
    name: secretRef.name,
    ...(secretRef.key !== undefined ? { key: secretRef.key } : {}),
  });
  return { remote, scope: await managementId(management, signal) };
}

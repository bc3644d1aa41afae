import type { EventEmitter } from 'eventemitter3';
import type { Cluster, KubeClient } from '../cluster/index.js';
import type { SyncerEvents } from '../core/syncer-events.js';
import type { OwnerIdentity } from '../apply/owner-identity.js';
import { managementId } from './management-id.js';

/**
 * Connects to a remote cluster for one pass and emits the kubeconfig's warnings (e.g.
 * `insecure-skip-tls-verify`) as `warning` events of the syncer.
 */
export async function connectRemote(cluster: Cluster, syncer: { readonly name: string } & EventEmitter<SyncerEvents>, signal?: AbortSignal): Promise<KubeClient> {
  const client = await cluster.connect(signal ? { signal } : {});
  for (const w of client.warnings ?? []) syncer.emit('warning', { syncer: syncer.name, code: w.code, message: w.message });
  return client;
}

/**
 * The ownership identity of a syncer that reaches a remote cluster from a management cluster:
 * its kind and name, the namespace of the kubeconfig Secret, and the management cluster's id,
 * so two management clusters never prune each other's objects.
 */
export async function remoteOwnerIdentity(kind: string, name: string, cluster: Cluster, management: Cluster | undefined, signal?: AbortSignal): Promise<OwnerIdentity> {
  const secret = cluster.origin.secret;
  return {
    kind,
    name,
    ...(secret ? { namespace: secret.namespace } : {}),
    ...(management ? { scope: await managementId(management, signal) } : {}),
  };
}

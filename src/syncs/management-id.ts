import type { Cluster } from '../cluster/index.js';

const ids = new WeakMap<Cluster, Promise<string>>();

/**
 * A stable identity of a management cluster: the uid of its `kube-system` namespace (the
 * convention Argo CD and Rancher use), read once per `Cluster` and cached. Stamped into the
 * ownership identity of a `RemoteSync`, so two management clusters applying to the same
 * downstream cluster never prune each other's objects.
 */
export function managementId(cluster: Cluster, signal?: AbortSignal): Promise<string> {
  let id = ids.get(cluster);
  if (!id) {
    id = (async () => {
      const client = await cluster.connect(signal ? { signal } : {});
      const ns = await client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'kube-system' }, signal ? { signal } : {});
      return ns?.metadata.uid ?? 'unknown';
    })();
    ids.set(cluster, id);
    id.catch(() => ids.delete(cluster));
  }
  return id;
}

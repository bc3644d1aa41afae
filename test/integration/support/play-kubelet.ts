import type { KubeClient } from '../../../src/cluster/index.js';
import type { KubeObject } from '../../../src/core/object-ref.js';

/**
 * Plays the kubelet for a namespace, since the local fleet has none: registers a Node, binds
 * every unscheduled pod to it (pods/binding) and reports it Running and Ready, so the real
 * Deployment/ReplicaSet controllers roll Deployments to Available. Returns a stop function.
 */
export function playKubelet(client: KubeClient, namespace: string, options: { fail?: boolean } = {}): () => void {
  const controller = new AbortController();
  const nodeName = 'fake-node';
  const handled = new Set<string>();
  const run = async (): Promise<void> => {
    const node = await client.get({ apiVersion: 'v1', kind: 'Node', name: nodeName });
    if (!node) {
      try {
        await client.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName } });
      } catch {
        // created concurrently by another test
      }
    }
    while (!controller.signal.aborted) {
      const { items, resourceVersion } = await client.list('v1', 'Pod', { namespace, signal: controller.signal });
      for (const pod of items) await handle(pod);
      try {
        await client.watch('v1', 'Pod', { namespace, resourceVersion, timeoutSeconds: 60, signal: controller.signal }, (event) => {
          if (event.type !== 'DELETED') void handle(event.object).catch(() => undefined);
        });
      } catch {
        // aborted or expired: loop re-lists
      }
    }
  };
  const handle = async (pod: KubeObject): Promise<void> => {
    const name = pod.metadata.name;
    const status = pod.status as { phase?: string } | undefined;
    if (handled.has(name) || status?.phase === 'Running' || status?.phase === 'Failed') return;
    handled.add(name);
    const spec = pod.spec as { nodeName?: string; containers: { name: string; image: string }[] };
    if (!spec.nodeName) {
      await client.request({
        method: 'POST',
        path: `/api/v1/namespaces/${namespace}/pods/${name}/binding`,
        body: { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } },
      });
    }
    const now = new Date().toISOString();
    const ready = options.fail ? 'False' : 'True';
    await client.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${namespace}/pods/${name}/status`,
      contentType: 'application/merge-patch+json',
      body: {
        status: {
          phase: options.fail ? 'Failed' : 'Running',
          conditions: [
            { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
            { type: 'Initialized', status: 'True', lastTransitionTime: now },
            { type: 'ContainersReady', status: ready, lastTransitionTime: now },
            { type: 'Ready', status: ready, lastTransitionTime: now },
          ],
          containerStatuses: spec.containers.map((c) => ({
            name: c.name,
            image: c.image,
            imageID: `docker://${c.image}`,
            ready: !options.fail,
            restartCount: 0,
            started: !options.fail,
            state: options.fail ? { terminated: { exitCode: 1, reason: 'Error', startedAt: now, finishedAt: now } } : { running: { startedAt: now } },
          })),
        },
      },
    });
  };
  void run().catch(() => undefined);
  return () => controller.abort();
}

import { sleep, type Cluster } from '../../src/index.js';

/**
 * Resolves once the ConfigMap `namespace/name` has `data[key] === value` (checked every 100 ms:
 * fine for a demo), or rejects when `signal` aborts.
 */
export async function waitForConfigMapValue(cluster: Cluster, ref: { namespace: string; name: string; key: string; value: string }, signal: AbortSignal): Promise<void> {
  const client = await cluster.connect({ signal });
  for (;;) {
    const cm = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ref.namespace, name: ref.name }, { signal });
    const data = cm?.['data'] as Record<string, unknown> | undefined;
    if (data?.[ref.key] === ref.value) return;
    await sleep(100, signal);
  }
}

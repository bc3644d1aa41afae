import { describe, it, expect, beforeAll } from 'vitest';
import { Sync, Source, type SyncResult, type KubeClient, type Cluster, OWNER_LABEL } from '../../src/index.js';
import { clusterFor, uniqueName } from './support/clusters.js';
import { widgetCrd } from './support/widget-crd.js';
import { playKubelet } from './support/play-kubelet.js';

const cm = (ns: string, name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data });
const actions = (r: SyncResult) => Object.fromEntries(r.changes.map((c) => [`${c.ref.kind}/${c.ref.name}`, c.action]));

let cluster: Cluster;
let client: KubeClient;

beforeAll(async () => {
  cluster = clusterFor('mgmt');
  client = await cluster.connect();
});

async function namespace(): Promise<string> {
  const ns = uniqueName('sync');
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  return ns;
}

describe('Sync against a real API server', () => {
  it('reports created, then configured, then unchanged with no write at all', async () => {
    const ns = await namespace();
    const name = uniqueName('s');
    const first = await new Sync({ name, cluster, source: Source.objects([cm(ns, 'a', { k: '1' }), cm(ns, 'b', { k: '1' })]) }).sync();
    expect(first.state).toBe('ready');
    expect(actions(first)).toEqual({ 'ConfigMap/a': 'created', 'ConfigMap/b': 'created' });
    const live = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'a' });
    expect(live?.metadata.labels?.[OWNER_LABEL]).toMatch(/^o-[0-9a-f]{20}$/);

    const second = await new Sync({ name, cluster, source: Source.objects([cm(ns, 'a', { k: '2' }), cm(ns, 'b', { k: '1' })]) }).sync();
    expect(actions(second)).toEqual({ 'ConfigMap/a': 'configured', 'ConfigMap/b': 'unchanged' });
    expect(second.revision).not.toBe(first.revision);

    const third = await new Sync({ name, cluster, source: Source.objects([cm(ns, 'a', { k: '2' }), cm(ns, 'b', { k: '1' })]) }).sync();
    expect(actions(third)).toEqual({ 'ConfigMap/a': 'unchanged', 'ConfigMap/b': 'unchanged' });
    expect(third.requests?.GET).toBeGreaterThan(0);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => third.requests?.[m] ?? 0)).toEqual([0, 0, 0, 0]);
  });

  it('re-syncs 500 unchanged objects with zero mutating requests', async () => {
    const ns = await namespace();
    const name = uniqueName('s');
    const objects = Array.from({ length: 500 }, (_, i) => cm(ns, `cm-${i}`, { index: String(i) }));
    const first = await new Sync({ name, cluster, source: Source.objects(objects) }).sync();
    expect(first.state).toBe('ready');
    const again = await new Sync({ name, cluster, source: Source.objects(objects) }).sync();
    expect(again.state).toBe('ready');
    expect(again.changes).toHaveLength(500);
    expect(again.changes.every((c) => c.action === 'unchanged')).toBe(true);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => again.requests?.[m] ?? 0)).toEqual([0, 0, 0, 0]);
    // Reads only: the inventory, one LIST for the kind and namespace, and the readiness list/watch.
    expect(again.requests?.GET ?? 0).toBeLessThan(10);
  });

  it('re-applies an object whose field was changed by another manager (drift)', async () => {
    const ns = await namespace();
    const name = uniqueName('s');
    const source = Source.objects([cm(ns, 'drift', { k: 'desired' })]);
    await new Sync({ name, cluster, source }).sync();
    await client.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${ns}/configmaps/drift`,
      contentType: 'application/merge-patch+json',
      query: { fieldManager: 'kubectl-edit' },
      body: { data: { k: 'edited' } },
    });
    const again = await new Sync({ name, cluster, source }).sync();
    expect(again.changes).toEqual([{ ref: expect.objectContaining({ name: 'drift' }), action: 'configured', reason: expect.stringContaining('drift corrected') }]);
    const live = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'drift' });
    expect((live?.data as Record<string, string>).k).toBe('desired');
  });

  it('prunes a removed object from a second instance (fresh process state), never an unlabelled one', async () => {
    const ns = await namespace();
    const name = uniqueName('s');
    await new Sync({ name, cluster, source: Source.objects([cm(ns, 'keep', {}), cm(ns, 'gone', {}), cm(ns, 'optout', {})]) }).sync();
    await client.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${ns}/configmaps/optout`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { annotations: { 'syncprims.dev/prune': 'disabled' } } },
    });
    const result = await new Sync({ name, cluster, source: Source.objects([cm(ns, 'keep', {})]) }).sync();
    expect(result.state).toBe('ready');
    expect(actions(result)).toEqual({ 'ConfigMap/keep': 'unchanged', 'ConfigMap/gone': 'pruned', 'ConfigMap/optout': 'skipped' });
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'gone' })).toBeUndefined();
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'optout' })).toBeDefined();
  });

  it('does not delete an unlabelled object that has the name of an inventory entry', async () => {
    const ns = await namespace();
    const name = uniqueName('s');
    await new Sync({ name, cluster, source: Source.objects([cm(ns, 'x', {})]) }).sync();
    // Someone replaces it with an object of their own (no ownership label).
    await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'x' });
    await client.create(cm(ns, 'x', { theirs: 'yes' }));
    const result = await new Sync({ name, cluster, source: Source.objects([cm(ns, 'y', {})]) }).sync();
    expect(actions(result)['ConfigMap/x']).toBe('skipped');
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'x' })).toBeDefined();
  });

  it('keeps a Namespace that holds other syncs\' inventories when pruning or tearing down', async () => {
    const invNs = uniqueName('inv');
    const holder = new Sync({ name: uniqueName('holder'), cluster, source: Source.objects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: invNs } }]) });
    expect((await holder.sync()).state).toBe('ready');
    const ns = await namespace();
    const other = new Sync({ name: uniqueName('other'), cluster, inventoryNamespace: invNs, source: Source.objects([cm(ns, 'kept', {})]) });
    expect((await other.sync()).state).toBe('ready');
    const torn = await holder.delete();
    expect(torn.changes).toEqual([{ ref: expect.objectContaining({ kind: 'Namespace', name: invNs }), action: 'skipped', reason: expect.stringContaining('inventories of other syncs') }]);
    expect(await client.get({ apiVersion: 'v1', kind: 'Namespace', name: invNs })).toBeDefined();
    // The other sync still knows what it owns: emptying its source prunes its ConfigMap.
    const emptied = await new Sync({ name: other.name, cluster, inventoryNamespace: invNs, source: Source.objects([]) }).sync();
    expect(emptied.changes.map((c) => `${c.action} ${c.ref.name}`)).toEqual(['pruned kept']);
  });

  it('never prunes after a failed apply', async () => {
    const ns = await namespace();
    const name = uniqueName('s');
    await new Sync({ name, cluster, source: Source.objects([cm(ns, 'old', {})]) }).sync();
    const bad = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad', namespace: ns }, spec: { ports: [{ port: 99999 }] } };
    const result = await new Sync({ name, cluster, source: Source.objects([bad, cm(ns, 'new', {})]) }).sync();
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('APPLY_FAILED');
    expect(result.error?.message).toContain('Service');
    expect(result.changes.some((c) => c.action === 'pruned')).toBe(false);
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'old' })).toBeDefined();
  });

  it('applies a CRD and its custom resources from the same source, and a Namespace with objects in it', async () => {
    const suffix = uniqueName('g').replace(/-/g, '');
    const group = `${suffix}.example.com`;
    const crd = widgetCrd(group);
    const ns = uniqueName('ns');
    const objects = [
      { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w1', namespace: ns }, spec: { size: 3 } },
      crd,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      cm(ns, 'inside', {}),
    ];
    const sync = new Sync({ name: uniqueName('s'), cluster, source: Source.objects(objects) });
    const plan = await sync.sync({ dryRun: true });
    expect(plan.state).toBe("planned");
    expect(actions(plan)).toEqual({ 'Widget/w1': 'created', [`CustomResourceDefinition/widgets.${group}`]: 'created', [`Namespace/${ns}`]: 'created', 'ConfigMap/inside': 'created' });
    expect(await client.get({ apiVersion: 'v1', kind: 'Namespace', name: ns })).toBeUndefined();

    const result = await sync.sync();
    expect(result.state).toBe('ready');
    // The CRD and Namespace come first.
    expect(result.changes.slice(0, 2).map((c) => c.ref.kind).sort()).toEqual(['CustomResourceDefinition', 'Namespace']);
    expect(await client.get({ apiVersion: `${group}/v1`, kind: 'Widget', namespace: ns, name: 'w1' })).toBeDefined();

    const gone = await sync.delete();
    expect(gone.state).toBe('ready');
    const order = gone.changes.map((c) => c.ref.kind);
    expect(order.slice(0, 2).sort()).toEqual(['ConfigMap', 'Widget']);
    expect(order.slice(2)).toEqual(['CustomResourceDefinition', 'Namespace']);
    expect(gone.changes.every((c) => c.action === 'pruned')).toBe(true);
  });

  it('reports a field conflict with another manager, and takes ownership with force', async () => {
    const ns = await namespace();
    await client.apply(cm(ns, 'shared', { k: 'theirs' }), { fieldManager: 'other-tool' });
    const source = Source.objects([cm(ns, 'shared', { k: 'ours' })]);
    const result = await new Sync({ name: uniqueName('s'), cluster, source }).sync();
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('CONFLICT');
    expect(result.error?.message).toContain('other-tool');
    expect(result.error?.message).toContain('data.k');
    const forced = await new Sync({ name: uniqueName('s'), cluster, source, force: true }).sync();
    expect(forced.state).toBe('ready');
    const live = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'shared' });
    expect((live?.data as Record<string, string>).k).toBe('ours');
  });

  it('refuses an immutable field change, and recreates the object with force', async () => {
    const ns = await namespace();
    const name = uniqueName('s');
    const job = (image: string) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'once', namespace: ns },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image }] } } },
    });
    await new Sync({ name, cluster, source: Source.objects([job('busybox:1')]), wait: false }).sync();
    const refused = await new Sync({ name, cluster, source: Source.objects([job('busybox:2')]), wait: false }).sync();
    expect(refused.state).toBe('failed');
    expect(refused.error?.code).toBe('IMMUTABLE_FIELD');
    expect(refused.error?.message).toMatch(/immutable/i);
    const forced = await new Sync({ name, cluster, source: Source.objects([job('busybox:2')]), wait: false, force: true }).sync();
    expect(forced.state).toBe('ready');
    expect(forced.changes[0]).toMatchObject({ action: 'configured', reason: expect.stringContaining('recreated') });
  });

  it('waits for a Deployment to become Available while the test plays the kubelet', async () => {
    const ns = await namespace();
    const stop = playKubelet(client, ns);
    try {
      const deploy = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: ns },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1' }] } } },
      };
      const sync = new Sync({ name: uniqueName('s'), cluster, source: Source.objects([deploy]), timeout: 60_000 });
      const waits: number[] = [];
      sync.on('progress', (p) => p.phase === 'wait' && waits.push(p.done));
      const result = await sync.sync();
      expect(result.state).toBe('ready');
      const live = await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' });
      expect((live?.status as { availableReplicas?: number }).availableReplicas).toBe(2);
    } finally {
      stop();
    }
  });

  it('fails fast when a Job fails', async () => {
    const ns = await namespace();
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'doomed', namespace: ns }, spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } };
    const sync = new Sync({ name: uniqueName('s'), cluster, source: Source.objects([job]), timeout: 100_000 });
    const pending = sync.sync();
    // Play the Job controller's verdict: write a Failed condition to the status subresource.
    for (let i = 0; i < 50 && !(await client.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: ns, name: 'doomed' })); i++) await new Promise((r) => setTimeout(r, 100));
    const now = new Date().toISOString();
    await client.request({
      method: 'PATCH',
      path: `/apis/batch/v1/namespaces/${ns}/jobs/doomed/status`,
      contentType: 'application/merge-patch+json',
      body: { status: { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: now, lastTransitionTime: now }] } },
    });
    const result = await pending;
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('NOT_READY');
    expect(result.error?.message).toContain('Job');
    expect(result.durationMs).toBeLessThan(100_000);
  });

  it('rejects with the signal reason when aborted mid-wait and records what it applied', async () => {
    const ns = await namespace();
    const name = uniqueName('s');
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: ns }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    const controller = new AbortController();
    const sync = new Sync({ name, cluster, source: Source.objects([pvc]) });
    sync.on('progress', (p) => {
      if (p.phase === 'wait') controller.abort(new Error('stop now'));
    });
    await expect(sync.sync({ signal: controller.signal })).rejects.toThrow('stop now');
    // The next pass knows the PVC (no-write unchanged) and removing it from the source prunes it.
    const again = await new Sync({ name, cluster, source: Source.objects([]) }).sync();
    expect(actions(again)).toEqual({ 'PersistentVolumeClaim/data': 'pruned' });
  });

  it('validates the whole set before the first write', async () => {
    const ns = await namespace();
    const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n  namespace: ${ns}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n  namespace: ${ns}\n`;
    const result = await new Sync({ name: uniqueName('s'), cluster, source: Source.yaml(yaml, 'bad.yaml') }).sync();
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('INVALID_NAME');
    expect(result.error?.message).toContain('bad.yaml');
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'fine' })).toBeUndefined();

    const unknown = await new Sync({ name: uniqueName('s'), cluster, source: Source.objects([{ apiVersion: 'nope.example.com/v1', kind: 'Gizmo', metadata: { name: 'g', namespace: ns } }, cm(ns, 'fine', {})]) }).sync();
    expect(unknown.error?.code).toBe('UNKNOWN_KIND');
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'fine' })).toBeUndefined();
  });

  it('dry run plans changed field paths and writes nothing', async () => {
    const ns = await namespace();
    const name = uniqueName('s');
    await new Sync({ name, cluster, source: Source.objects([cm(ns, 'p', { k: '1' }), cm(ns, 'q', {})]) }).sync();
    const plan = await new Sync({ name, cluster, source: Source.objects([cm(ns, 'p', { k: '2' })]) }).sync({ dryRun: true });
    expect(plan.state).toBe("planned");
    expect(plan.changes).toEqual([
      { ref: expect.objectContaining({ name: 'p' }), action: 'configured', fields: ['data.k'] },
      { ref: expect.objectContaining({ name: 'q' }), action: 'pruned' },
    ]);
    expect(plan.requests?.PATCH).toBeGreaterThan(0); // the server-side dry run
    expect(['POST', 'PUT', 'DELETE'].map((m) => plan.requests?.[m] ?? 0)).toEqual([0, 0, 0]);
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'q' })).toBeDefined();
  });
});

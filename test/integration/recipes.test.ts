/**
 * The recipes on the local fleet: bootstrap mgmt (the controller runs in-process, as it would
 * in a pod), register edge-1 (its controller in-process too), and roll out to both edges in
 * waves, where a failing canary halts the rollout and leaves edge-2 untouched.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_VERSION,
  Cluster,
  Controller,
  decodeStatus,
  isReadyAtGeneration,
  ownerLabelValue,
  OWNER_LABEL,
  Source,
  type KubeClient,
  type KubeObject,
  type SyncResult,
} from '../../src/index.js';
import { bootstrap, register, rollout } from '../../src/recipes/index.js';
import { clusterFor, uniqueName } from './support/clusters.js';
import { fleetInfo } from './fleet-context.js';

const mgmt = clusterFor('mgmt');
const edges = { 'edge-1': clusterFor('edge-1'), 'edge-2': clusterFor('edge-2') };
let mgmtClient: KubeClient;
const edgeClients: Record<string, KubeClient> = {};
const controllers: Controller[] = [];

// Unique names keep this file apart from the others sharing the fleet (the CRDs and the
// syncprims ClusterRoles are cluster-wide and shared).
const name = uniqueName('boot');
const systemNs = uniqueName('sp');
const secretNs = uniqueName('fleet');
const appNs = uniqueName('app');
const webName = uniqueName('web');

/** Starts an in-process controller for `cluster`, watching only the test's namespace. */
async function startController(cluster: Cluster, namespace: string, onReconciled?: (result: SyncResult) => void): Promise<Controller> {
  const controller = new Controller({ cluster, namespace, leaderElection: false, events: false });
  if (onReconciled) controller.on('reconciled', (e) => onReconciled(e.result));
  controllers.push(controller);
  await controller.start();
  return controller;
}

function childrenOf(result: SyncResult): Record<string, SyncResult> {
  return Object.fromEntries((result.children ?? []).map((c) => [c.name, c]));
}

async function syncResource(client: KubeClient, namespace: string, resource: string): Promise<KubeObject | undefined> {
  return client.get({ apiVersion: API_VERSION, kind: 'Sync', namespace, name: resource });
}

function isReady(obj: KubeObject | undefined): boolean {
  const decoded = decodeStatus('Sync', obj);
  return obj !== undefined && decoded.ok && isReadyAtGeneration(decoded.status, obj.metadata.generation);
}

const appObjects = (extra: KubeObject[] = []): KubeObject[] => [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: appNs } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: appNs }, data: { greeting: 'hello' } },
  ...extra,
];

beforeAll(async () => {
  mgmtClient = await mgmt.connect();
  for (const [edge, cluster] of Object.entries(edges)) edgeClients[edge] = await cluster.connect();
  await mgmtClient.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: secretNs } });
  for (const edge of Object.keys(edges)) {
    await mgmtClient.apply(
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: `${edge}-kubeconfig`, namespace: secretNs }, type: 'Opaque', stringData: { value: fleetInfo().cluster(edge).kubeconfigYaml('admin') } },
      { fieldManager: 'test', force: true },
    );
  }
});

afterAll(async () => {
  await Promise.all(controllers.map((c) => c.stop()));
  // The Sync resources carry the controller's finalizer: drop it so the namespaces can go.
  for (const [client, ns] of [[mgmtClient, systemNs], [edgeClients['edge-1'], systemNs]] as const) {
    if (!client) continue;
    const list = await client.list(API_VERSION, 'Sync', { namespace: ns }).catch(() => ({ items: [] as KubeObject[] }));
    for (const obj of list.items) {
      await client
        .request({ method: 'PATCH', path: `/apis/${API_VERSION}/namespaces/${ns}/syncs/${obj.metadata.name}`, contentType: 'application/merge-patch+json', body: { metadata: { finalizers: null } } })
        .catch(() => undefined);
    }
  }
  for (const ns of [systemNs, secretNs, appNs]) await mgmtClient?.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  for (const client of Object.values(edgeClients)) {
    for (const ns of [systemNs, appNs]) await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  }
  mgmt.close();
});

describe('recipes on the local fleet', () => {
  it('bootstrap: installs syncprims into mgmt and hands it over to a Sync resource the controller reconciles without a write', async () => {
    const boot = bootstrap({ cluster: mgmt, name, controller: false, installOptions: { namespace: systemNs }, timeout: 60_000 });
    const reconciled: SyncResult[] = [];
    // The controller runs in-process here, as it would in a pod: it starts once the CRDs exist.
    let started: Promise<Controller> | undefined;
    boot.on('ready', (r) => {
      if (r.name === `${name}-crds`) started ??= startController(mgmt, systemNs, (e) => void reconciled.push(e));
    });
    const result = await boot.sync({ signal: AbortSignal.timeout(120_000) });
    expect(result.message).toBe('3/3 ready');
    expect(Object.keys(childrenOf(result))).toEqual([`${name}-crds`, `${name}-controller`, `${name}-self`]);
    await started;

    const resource = await syncResource(mgmtClient, systemNs, name);
    expect(isReady(resource)).toBe(true);
    expect(resource?.spec).toMatchObject({ deletionPolicy: 'Orphan', prune: true });
    // The hand-over: the SDK applied on behalf of the resource, so its first reconcile changed nothing.
    expect(reconciled.length).toBeGreaterThan(0);
    expect(reconciled[0]!.changes.length).toBeGreaterThan(15);
    expect(reconciled[0]!.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
    expect(reconciled[0]!.requests?.['PATCH'] ?? 0).toBe(0);
    const role = await mgmtClient.get({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'syncprims-controller' });
    expect(role?.metadata.labels?.[OWNER_LABEL]).toBe(ownerLabelValue({ kind: 'Sync', namespace: systemNs, name }));
    expect(await mgmtClient.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: systemNs, name: 'syncprims-controller' })).toBeUndefined();

    // Running it again is a no-op pass: nothing changes anywhere.
    const again = await bootstrap({ cluster: mgmt, name, controller: false, installOptions: { namespace: systemNs }, timeout: 60_000 }).sync();
    expect(again.state).toBe('ready');
    expect(again.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
  });

  it('register: installs syncprims into edge-1 through its kubeconfig Secret and its controller applies the base configuration', async () => {
    const base = Source.objects([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-info', namespace: systemNs }, data: { cluster: 'edge-1' } }]);
    const reg = register({
      management: mgmt,
      name: 'edge-1',
      secretRef: { namespace: secretNs, name: 'edge-1-kubeconfig' },
      base,
      controller: false,
      installOptions: { namespace: systemNs },
      interval: 5_000,
      timeout: 60_000,
    });
    let started: Promise<Controller> | undefined;
    reg.on('ready', (r) => {
      if (r.name === 'edge-1-install') started ??= startController(edges['edge-1'], systemNs);
    });
    const result = await reg.sync({ signal: AbortSignal.timeout(120_000) });
    await started;
    expect(result.name).toBe('register-edge-1');
    expect(result.message).toBe('2/2 ready');
    const edge = edgeClients['edge-1']!;
    expect(isReady(await syncResource(edge, systemNs, 'base'))).toBe(true);
    const info = await edge.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: systemNs, name: 'cluster-info' });
    expect(info?.['data']).toEqual({ cluster: 'edge-1' });
    // Applied by the edge's controller for the Sync resource, not by the management side.
    expect(info?.metadata.labels?.[OWNER_LABEL]).toBe(ownerLabelValue({ kind: 'Sync', namespace: systemNs, name: 'base' }));
    expect(await edge.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'proxysyncs.syncprims.dev' })).toBeDefined();
  });

  it('rollout (remote mode): a failing canary halts the rollout and edge-2 stays untouched; once fixed, both roll', async () => {
    // edge-1's copy of the ConfigMap has a field owned by someone else: the canary's apply conflicts.
    const edge1 = edgeClients['edge-1']!;
    const edge2 = edgeClients['edge-2']!;
    await edge1.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: appNs } }, { fieldManager: 'intruder' });
    await edge1.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: appNs }, data: { greeting: 'hijacked' } }, { fieldManager: 'intruder' });
    const waves: string[] = [];
    const web = rollout({
      name: webName,
      mode: 'remote',
      management: mgmt,
      source: Source.objects(appObjects()),
      clusters: [
        { name: 'edge-2', secretRef: { namespace: secretNs, name: 'edge-2-kubeconfig' } },
        { name: 'edge-1', secretRef: { namespace: secretNs, name: 'edge-1-kubeconfig' }, canary: true },
      ],
      strategy: { maxConcurrency: 1, maxFailures: 0 },
      timeout: 30_000,
      onWave: (e) => void waves.push(e.type === 'finished' ? `${e.type} ${e.wave.index} ${e.wave.state}` : e.type),
    });

    const plan = await web.sync({ dryRun: true });
    expect(plan.waves.map((w) => [w.index, w.canary, w.clusters])).toEqual([
      [1, true, ['edge-1']],
      [2, false, ['edge-2']],
    ]);
    expect(plan.waves[1]?.changed).toEqual(['edge-2']);
    expect(await edge2.get({ apiVersion: 'v1', kind: 'Namespace', name: appNs })).toBeUndefined();

    waves.length = 0;
    const halted = await web.sync({ signal: AbortSignal.timeout(120_000) });
    expect(halted.state).toBe('failed');
    expect(halted.error?.code).toBe('CONFLICT');
    expect(halted.waves.map((w) => w.state)).toEqual(['failed', 'blocked']);
    const byCluster = childrenOf(halted);
    expect(byCluster['edge-1']?.state).toBe('failed');
    expect(byCluster['edge-2']?.state).toBe('blocked');
    expect(byCluster['edge-2']?.message).toContain('halted after wave 1');
    expect(waves).toEqual(['started', 'finished 1 failed', 'halted']);
    // Untouched: nothing of the source, and no inventory, reached edge-2.
    expect(await edge2.get({ apiVersion: 'v1', kind: 'Namespace', name: appNs })).toBeUndefined();
    const inventories = await edge2.list('v1', 'ConfigMap', { namespace: 'syncprims-system', labelSelector: 'syncprims.dev/inventory=true' }).catch(() => ({ items: [] as KubeObject[] }));
    expect(inventories.items.filter((i) => i.metadata.name.startsWith(`remotesync-${webName}-edge-2`))).toEqual([]);

    // Fix the canary (the intruder lets go), and the same rollout goes through both waves.
    await edge1.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: appNs, name: 'settings' });
    const done = await web.sync({ signal: AbortSignal.timeout(120_000) });
    expect(done.message).toBe('2/2 clusters ready in 2 waves');
    for (const client of [edge1, edge2]) {
      const settings = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: appNs, name: 'settings' });
      expect(settings?.['data']).toEqual({ greeting: 'hello' });
    }
    const torn = await web.delete();
    expect(torn.state).toBe('ready');
    expect(await edge2.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: appNs, name: 'settings' })).toBeUndefined();
  });

  it('rollout (proxy mode): the registered edge-1 applies the source through its own controller', async () => {
    const web = rollout({
      name: 'web-proxy',
      management: mgmt,
      namespace: systemNs,
      interval: 5_000,
      timeout: 60_000,
      source: Source.objects([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'proxied', namespace: systemNs }, data: { via: 'proxy' } }]),
      clusters: [{ name: 'edge-1', secretRef: { namespace: secretNs, name: 'edge-1-kubeconfig' }, canary: true }],
    });
    const result = await web.sync({ signal: AbortSignal.timeout(120_000) });
    expect(result.message).toBe('1/1 clusters ready in 1 wave');
    const edge1 = edgeClients['edge-1']!;
    expect(isReady(await syncResource(edge1, systemNs, 'web-proxy'))).toBe(true);
    const proxied = await edge1.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: systemNs, name: 'proxied' });
    expect(proxied?.metadata.labels?.[OWNER_LABEL]).toBe(ownerLabelValue({ kind: 'Sync', namespace: systemNs, name: 'web-proxy' }));
    const torn = await web.delete({ signal: AbortSignal.timeout(60_000) });
    expect(torn.state).toBe('ready');
    expect(await edge1.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: systemNs, name: 'proxied' })).toBeUndefined();
  });
});

describe('examples/ run against the local fleet', () => {
  const run = async (file: string, ...args: string[]): Promise<string> => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file, ...args], {
      env: { ...process.env, KUBECONFIG: fleetInfo().kubeconfigPath },
      timeout: 120_000,
    });
    return stdout;
  };

  afterAll(async () => {
    await mgmtClient.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'quickstart' }).catch(() => undefined);
    for (const client of Object.values(edgeClients)) await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'web' }).catch(() => undefined);
  });

  it('quickstart.ts applies a folder, then finds it unchanged', async () => {
    await run('examples/quickstart.ts');
    const again = await run('examples/quickstart.ts');
    expect(again).toContain('ready: applied and ready: 3 unchanged');
  });

  it('custom-syncer.ts runs a plain-object syncer and a BaseSyncer subclass in a dag, and tears it down', async () => {
    expect(await run('examples/custom-syncer.ts')).toContain('4/4 ready');
    const torn = await run('examples/custom-syncer.ts', '--delete');
    expect(torn).toContain('password exists (never rotated)');
    expect(torn).toContain('3/3 deleted; 1 without delete() skipped');
  });

  it('rollout.ts plans, then rolls out to edge-1 (canary) and edge-2', async () => {
    const out = await run('examples/rollout.ts');
    expect(out).toMatch(/plan: 2\/2 clusters planned in 2 waves/);
    expect(out).toContain('ready: 2/2 clusters ready in 2 waves');
  });
});

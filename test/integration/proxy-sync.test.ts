/**
 * ProxySync against the local fleet: the registration flow end to end (a RemoteSync installs
 * the CRDs and RBAC into edge-1, the edge controller runs in-process there as its
 * ServiceAccount, a ProxySync depending on both delivers an app; one dag), the clear error
 * for a cluster without the controller (edge-2), a 3 MiB payload through chunks, stalled and
 * timed-out remote Syncs, dry run, delete and orphan, self-sufficiency (the management API
 * server stopped, the edge controller still corrects drift), and the ProxySync custom resource
 * reconciled by the management controller, including an unreachable remote cluster.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import type { KubeClient } from '../../src/cluster/kube-client.js';
import type { KubeObject } from '../../src/core/object-ref.js';
import type { Syncer } from '../../src/core/syncer.js';
import type { SyncResult } from '../../src/core/sync-result.js';
import { isSyncError } from '../../src/core/sync-error.js';
import { API_VERSION } from '../../src/api/group.js';
import { buildInstallManifests } from '../../src/api/install-manifests.js';
import { syncprimsCrds } from '../../src/api/crds.js';
import { decodeStatus } from '../../src/api/decode-status.js';
import { findCondition, isReadyAtGeneration, type ProxySyncStatus } from '../../src/api/status.js';
import { Source } from '../../src/manifests/source.js';
import { RemoteSync } from '../../src/syncs/remote-sync.js';
import { ProxySync, MAX_CHUNK_BYTES, PAYLOAD_KEY, type ProxySyncResult } from '../../src/syncs/proxy-sync.js';
import { dag } from '../../src/graph/dag.js';
import { Controller } from '../../src/controller/controller.js';
import { fleetInfo, restoreFleet } from './fleet-context.js';
import { captureLogger } from './support/capture-logger.js';

const fleet = fleetInfo();
const suffix = randomBytes(3).toString('hex');
/** The namespace of the kubeconfig Secrets in mgmt, and of the remote Syncs and the app in the edge clusters. */
const ns = `px-it-${suffix}`;
const FM = 'proxy-it';

const { logger, logs } = captureLogger();

const mgmt = Cluster.fromKubeconfig({ path: fleet.cluster('mgmt').kubeconfigPath('admin') });
const edge1Admin = Cluster.fromKubeconfig({ path: fleet.cluster('edge-1').kubeconfigPath('admin') });
const edge2Admin = Cluster.fromKubeconfig({ path: fleet.cluster('edge-2').kubeconfigPath('admin') });
/** edge-1 and edge-2 as the management cluster reaches them: through kubeconfig Secrets. */
const edge1 = Cluster.fromSecret(mgmt, { namespace: ns, name: 'edge-1-kubeconfig' });
const edge2 = Cluster.fromSecret(mgmt, { namespace: ns, name: 'edge-2-kubeconfig' });
let mc: KubeClient;
let e1: KubeClient;
let e2: KubeClient;
const controllers: Controller[] = [];

/**
 * The installation without the controller Deployment (no kubelet here) and without the
 * `syncprims-system` Namespace: other test files keep inventories there, so this file's teardown
 * must not delete it (beforeAll creates it). CRDs and RBAC.
 */
const installObjects = buildInstallManifests().filter((o) => o.kind !== 'Deployment' && o.kind !== 'Namespace');
const install = new RemoteSync({ name: `install-${suffix}`, cluster: edge1, source: Source.objects(installObjects), timeout: 60_000, logger });

/**
 * The edge controller, in-process, pointed at edge-1 as the ServiceAccount the RemoteSync's
 * RBAC grants (what the Deployment would run as). A plain-object syncer, so the dag starts it
 * once the installation is ready, like waiting for the Deployment to become Available.
 */
let edgeController: Controller | undefined;
const edgeControllerUp: Syncer = {
  name: 'edge-controller',
  dependsOn: [install],
  async sync(): Promise<SyncResult> {
    const startedAt = Date.now();
    if (!edgeController) {
      const asController = edge1Admin.impersonate({ serviceAccount: { namespace: 'syncprims-system', name: 'syncprims-controller' } });
      edgeController = new Controller({ cluster: asController, leaderElection: false, logger, kinds: ['Sync'] });
      controllers.push(edgeController);
      await edgeController.start();
    }
    return { name: 'edge-controller', ready: true, state: 'ready', changes: [], revision: 'in-process', message: 'edge controller running', durationMs: Date.now() - startedAt };
  },
};

const cm = (name: string, data: Record<string, string>, namespace = ns): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
const get = (c: KubeClient, kind: string, name: string, namespace = ns) => c.get({ apiVersion: kind === 'ConfigMap' ? 'v1' : API_VERSION, kind, namespace, name });
const actions = (r: SyncResult): Record<string, string> => Object.fromEntries(r.changes.map((c) => [`${c.ref.kind}/${c.ref.name}`, c.action]));
const writes = (r: SyncResult): number => ['POST', 'PUT', 'PATCH', 'DELETE'].reduce((n, m) => n + (r.requests?.[m] ?? 0), 0);

/** Polls `probe` every 100 ms until it returns a value; fails with `what` after `timeoutMs`. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${logs.slice(-20).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function mergePatch(c: KubeClient, path: string, body: unknown, fieldManager = 'kubectl-edit'): Promise<void> {
  await c.request({ method: 'PATCH', path, contentType: 'application/merge-patch+json', query: { fieldManager }, body });
}

function expectReady(result: SyncResult): asserts result is ProxySyncResult {
  if (!result.ready) throw new Error(`${result.name} not ready: ${result.state}: ${result.message}\n${logs.slice(-20).join('\n')}`);
}

beforeAll(async () => {
  mc = await mgmt.connect();
  e1 = await edge1Admin.connect();
  e2 = await edge2Admin.connect();
  await e1.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'syncprims-system' } }, { fieldManager: 'test-setup' });
  await mc.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const name of ['edge-1', 'edge-2']) {
    await mc.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${name}-kubeconfig`, namespace: ns },
      type: 'Opaque',
      data: { value: Buffer.from(fleet.cluster(name).kubeconfigYaml('admin')).toString('base64') },
    });
  }
  // edge-2 is the cluster without the controller: make sure no earlier run left the CRDs there.
  const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'syncs.syncprims.dev' };
  if (await e2.get(crd)) {
    await e2.delete(crd);
    await waitFor('the Sync CRD to leave edge-2', async () => (await e2.get(crd)) === undefined, 60_000);
  }
});

afterAll(async () => {
  await restoreFleet();
  await Promise.all(controllers.splice(0).map((c) => c.stop()));
  // Whatever a failed test left: drop the remote Syncs' finalizers (no controller runs now),
  // then the namespaces, then the installation (the CRDs) in edge-1.
  const left = await e1.list(API_VERSION, 'Sync', { namespace: ns }).catch(() => ({ items: [] as KubeObject[] }));
  for (const obj of left.items) {
    await mergePatch(e1, `/apis/${API_VERSION}/namespaces/${ns}/syncs/${obj.metadata.name}`, { metadata: { finalizers: null } }).catch(() => undefined);
  }
  for (const c of [mc, e1, e2]) await c.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  await install.delete().catch(() => undefined);
  for (const c of [mgmt, edge1Admin, edge2Admin, edge1, edge2]) c.close();
});

describe('ProxySync', () => {
  const app = new ProxySync({
    name: 'app',
    cluster: edge1,
    namespace: ns,
    source: Source.objects([cm('web', { greeting: 'hello' }), cm('api', { port: '8080' })]),
    interval: 2_000,
    timeout: 60_000,
    dependsOn: [install, edgeControllerUp],
    logger,
  });

  it('registration flow: RemoteSync installs the CRDs and RBAC, the dag runs the ProxySync after it, the edge controller applies the app', async () => {
    const result = await dag(app).sync({ signal: AbortSignal.timeout(110_000) });
    const byName = Object.fromEntries((result.children ?? []).map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['app', 'edge-controller', `install-${suffix}`]);
    const px = byName['app'] as ProxySyncResult;
    expectReady(px);
    expect(result.state).toBe('ready');
    expect(actions(px)).toEqual({ 'Sync/app': 'created' });

    // The remote Sync, reconciled by the edge controller, applied the app in edge-1.
    expect((await get(e1, 'ConfigMap', 'web'))?.['data']).toEqual({ greeting: 'hello' });
    expect((await get(e1, 'ConfigMap', 'api'))?.['data']).toEqual({ port: '8080' });
    const remote = await get(e1, 'Sync', 'app');
    const status = decodeStatus('Sync', remote);
    expect(status.ok && isReadyAtGeneration(status.status, remote?.metadata.generation)).toBe(true);
    expect(remote?.metadata.managedFields?.some((f) => f.manager === 'syncprims-proxy' && f.operation === 'Apply')).toBe(true);
    expect(remote?.metadata.annotations?.['syncprims.dev/owned-by']).toMatch(new RegExp(`/ProxySync/${ns}/app$`));

    // The result mirrors the remote status: generation, conditions, inventory, revision, message.
    expect(px.remote).toMatchObject({ namespace: ns, name: 'app', generation: remote?.metadata.generation, cluster: `secret ${ns}/edge-1-kubeconfig` });
    expect(px.remote?.status.inventory.entries.map((e) => e.id).sort()).toEqual([`_ConfigMap_${ns}_api`, `_ConfigMap_${ns}_web`]);
    expect(findCondition(px.remote?.status.conditions, 'Ready')?.status).toBe('True');
    expect(px.remote?.status.lastAppliedRevision).toBe(px.revision);
    expect(px.message).toContain(px.remote?.status.message ?? '(none)');

    // Another pass: nothing changed, nothing written, ready at once.
    const again = await app.sync();
    expectReady(again);
    expect(actions(again)).toEqual({ 'Sync/app': 'unchanged' });
    expect(writes(again)).toBe(0);
  });

  it('fails with a clear, retryable error when the remote cluster has no controller (edge-2)', async () => {
    const orphan = new ProxySync({ name: 'app', cluster: edge2, namespace: ns, source: Source.objects([cm('web', {})]), timeout: 10_000 });
    const result = await orphan.sync();
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('CONTROLLER_NOT_INSTALLED');
    expect(result.error?.retryable).toBe(true);
    expect(result.message).toMatch(new RegExp(`^controller not installed in secret ${ns}/edge-2-kubeconfig: `));
    expect(writes(result)).toBe(0);
    expect(await get(e2, 'ConfigMap', 'web')).toBeUndefined();

    // A dry run of the whole registration plans it: the RemoteSync's CRDs make the Sync kind
    // assumed, so the ProxySync plans its remote Sync as created instead of failing.
    const installEdge2 = new RemoteSync({ name: `install-${suffix}`, cluster: edge2, source: Source.objects(buildInstallManifests().filter((o) => o.kind !== 'Deployment')) });
    const proxied = new ProxySync({ name: 'app', cluster: edge2, namespace: ns, source: Source.objects([cm('web', {})]), dependsOn: [installEdge2] });
    const plan = await dag(proxied).sync({ dryRun: true });
    expect(plan.state).toBe('planned');
    expect(actions(plan.children!.find((c) => c.name === 'app')!)).toEqual({ 'Sync/app': 'created' });
    expect(await e2.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'syncs.syncprims.dev' })).toBeUndefined();
  });

  it('round-trips a 3 MiB payload through content-addressed chunks; an unchanged payload costs no write, one changed object one chunk', async () => {
    const filler = 'x'.repeat(10_000);
    const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'big-secret', namespace: ns }, data: { token: Buffer.from('s3cr3t').toString('base64') } };
    const objects = [...Array.from({ length: 320 }, (_, i) => cm(`big-${String(i).padStart(3, '0')}`, { i: String(i), filler })), secret];
    const big = new ProxySync({ name: 'big', cluster: edge1, namespace: ns, source: Source.objects(objects), interval: 600_000, timeout: 120_000, logger });
    const first = await big.sync();
    expectReady(first);
    const chunks = first.changes.filter((c) => c.ref.kind === 'ConfigMap');
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.every((c) => c.action === 'created')).toBe(true);
    for (const c of chunks) {
      const live = await get(e1, 'ConfigMap', c.ref.name);
      const text = (live?.['data'] as Record<string, string>)[PAYLOAD_KEY]!;
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
      expect(live?.['immutable']).toBe(true);
      expect(text).not.toContain('big-secret');
    }
    const remote = await get(e1, 'Sync', 'big');
    const source = (remote?.['spec'] as { source: { configMapRefs: { name: string }[]; inline: KubeObject[] } }).source;
    expect(source.configMapRefs.map((r) => r.name)).toEqual(chunks.map((c) => c.ref.name));
    // The Secret stays inline, out of the ConfigMaps.
    expect(source.inline.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Secret/big-secret']);
    expect((await e1.get({ apiVersion: 'v1', kind: 'Secret', namespace: ns, name: 'big-secret' }))?.['data']).toEqual(secret['data']);
    expect(first.remote?.status.inventory.entries).toHaveLength(321);
    expect((await get(e1, 'ConfigMap', 'big-319'))?.['data']).toEqual({ i: '319', filler });

    const same = await big.sync();
    expectReady(same);
    expect(writes(same)).toBe(0);
    expect(same.changes.every((c) => c.action === 'unchanged')).toBe(true);

    objects[7] = cm('big-007', { i: 'seven', filler });
    const changed = await new ProxySync({ name: 'big', cluster: edge1, namespace: ns, source: Source.objects(objects), timeout: 120_000, logger }).sync();
    expectReady(changed);
    const count = (action: string): number => changed.changes.filter((c) => c.ref.kind === 'ConfigMap' && c.action === action).length;
    expect({ created: count('created'), pruned: count('pruned') }).toEqual({ created: 1, pruned: 1 });
    expect(count('unchanged')).toBe(chunks.length - 1);
    expect((await get(e1, 'ConfigMap', 'big-007'))?.['data']).toEqual({ i: 'seven', filler });

    const deleted = await big.delete();
    expectReady(deleted);
    expect(await get(e1, 'Sync', 'big')).toBeUndefined();
    expect(await get(e1, 'ConfigMap', 'big-000')).toBeUndefined();
    expect((await e1.list('v1', 'ConfigMap', { namespace: ns, labelSelector: 'syncprims.dev/payload' })).items).toEqual([]);
  });

  it('plans with a dry run (the remote Sync change and the chunks) and writes nothing', async () => {
    const planned = await new ProxySync({
      name: 'app',
      cluster: edge1,
      namespace: ns,
      source: Source.objects([cm('web', { greeting: 'bonjour' }), cm('api', { port: '8080' })]),
      interval: 2_000,
      timeout: 60_000,
    }).sync({ dryRun: true });
    expect(planned.state).toBe('planned');
    expect(planned.changes).toEqual([{ ref: expect.objectContaining({ kind: 'Sync', name: 'app' }), action: 'configured', fields: [expect.stringMatching(/^spec\.source\.inline\[\d\]\.data\.greeting$/)] }]);
    expect((await get(e1, 'ConfigMap', 'web'))?.['data']).toEqual({ greeting: 'hello' });

    const fresh = await new ProxySync({ name: 'new-one', cluster: edge1, namespace: ns, source: Source.objects([cm('n', {})]), inlineLimitBytes: 0 }).sync({ dryRun: true });
    expect(fresh.state).toBe('planned');
    expect(fresh.changes.map((c) => `${c.ref.kind}:${c.action}`)).toEqual(['ConfigMap:created', 'Sync:created']);
    expect(await get(e1, 'Sync', 'new-one')).toBeUndefined();
  });

  it('fails fast with the remote message when the remote Sync stalls, and times out while it waits', async () => {
    const loop = new ProxySync({
      name: 'loop',
      cluster: edge1,
      namespace: ns,
      source: Source.objects([cm('loop-cm', {})]),
      remoteDependsOn: [{ kind: 'Sync', name: 'loop' }],
      timeout: 60_000,
    });
    const stalled = await loop.sync();
    expect(stalled.state).toBe('failed');
    expect(stalled.error?.code).toBe('NOT_READY');
    expect(stalled.message).toMatch(/stalled \(DependencyCycle\): dependency cycle/);

    const waiter = new ProxySync({
      name: 'waiter',
      cluster: edge1,
      namespace: ns,
      source: Source.objects([cm('waiter-cm', {})]),
      remoteDependsOn: [{ kind: 'Sync', name: 'never-there' }],
      timeout: 3_000,
    });
    const waiting = await waiter.sync();
    expect(waiting.state).toBe('timeout');
    expect(waiting.error?.code).toBe('TIMEOUT');
    expect(waiting.message).toMatch(/not ready after 3s: .*waiting for Sync\/never-there/);
    expect(waiting.notReady?.[0]?.ref).toMatchObject({ kind: 'Sync', name: 'waiter' });

    // Both tear down through the edge controller's finalizer, stalled or waiting.
    for (const px of [loop, waiter]) expectReady(await px.delete({ signal: AbortSignal.timeout(30_000) }));
    expect(await get(e1, 'Sync', 'loop')).toBeUndefined();
  });

  it('self-sufficiency: with the management API server stopped, the edge controller puts a hand-edited object back within the interval', async () => {
    await fleet.cluster('mgmt').stopApiServer();
    try {
      const down = await mc.list('v1', 'Namespace').then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(isSyncError(down) && down.code).toBe('UNREACHABLE');
      await mergePatch(e1, `/api/v1/namespaces/${ns}/configmaps/web`, { data: { greeting: 'hacked' } });
      expect((await get(e1, 'ConfigMap', 'web'))?.['data']).toEqual({ greeting: 'hacked' });
      const editedAt = Date.now();
      await waitFor('the edge controller to correct the drift', async () => ((await get(e1, 'ConfigMap', 'web'))?.['data'] as { greeting?: string })?.greeting === 'hello', 15_000);
      // interval 2 s (± 10 % jitter), plus the pass itself.
      const correctedAfter = Date.now() - editedAt;
      process.stderr.write(`[proxy-it] management API server down: drift corrected by the edge controller ${correctedAfter} ms after the edit (interval 2 s)\n`);
      expect(correctedAfter).toBeLessThan(10_000);
    } finally {
      await fleet.cluster('mgmt').startApiServer();
    }
  });

  it('orphans the remote Sync with deletionPolicy Orphan, and deletes it (its finalizer pruning the app) with Delete', async () => {
    const orphaning = new ProxySync({ name: 'app', cluster: edge1, namespace: ns, source: Source.objects([]), deletionPolicy: 'Orphan' });
    const orphaned = await orphaning.delete();
    expectReady(orphaned);
    expect(actions(orphaned)).toEqual({ 'Sync/app': 'skipped' });
    expect(writes(orphaned)).toBe(0);
    expect(await get(e1, 'Sync', 'app')).toBeDefined();

    const deleted = await app.delete({ signal: AbortSignal.timeout(60_000) });
    expectReady(deleted);
    expect(actions(deleted)).toEqual({ 'Sync/app': 'pruned' });
    expect(await get(e1, 'Sync', 'app')).toBeUndefined();
    expect(await get(e1, 'ConfigMap', 'web')).toBeUndefined();
    expect(await get(e1, 'ConfigMap', 'api')).toBeUndefined();
  });
});

describe('ProxySync custom resource (the management controller)', () => {
  beforeAll(async () => {
    // The management cluster serves the syncprims kinds (as controller.test.ts installs them).
    for (const crd of syncprimsCrds()) await mc.apply(crd, { fieldManager: FM, force: true });
    await waitFor('the syncprims CRDs to be established in mgmt', async () => {
      for (const crd of syncprimsCrds()) {
        const live = await mc.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crd.metadata.name });
        const conditions = (live?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
        if (!conditions.some((c) => c.type === 'Established' && c.status === 'True')) return false;
      }
      return true;
    });
    mc.invalidateDiscovery();
  });

  it('mirrors the remote Sync into its status, reports Unreachable (stale) while edge-1 is down, Ready again once back, and deletes the remote Sync', async () => {
    // The default reconcilers: Sync, RemoteSync and ProxySync.
    const controller = new Controller({ cluster: mgmt, namespace: ns, leaderElection: false, logger });
    controllers.push(controller);
    await controller.start();
    await mc.create({
      apiVersion: API_VERSION,
      kind: 'ProxySync',
      metadata: { name: 'cr', namespace: ns },
      spec: {
        kubeConfig: { secretRef: { name: 'edge-1-kubeconfig' } },
        template: { metadata: { name: 'cr-remote' }, spec: { source: { inline: [cm('cr-web', { k: 'v' })] }, interval: '1h' } },
        interval: '1s',
        retryInterval: '1s',
        timeout: '30s',
      },
    });
    const statusOf = async (): Promise<{ obj: KubeObject; status: ProxySyncStatus } | undefined> => {
      const obj = await get(mc, 'ProxySync', 'cr');
      const decoded = obj ? decodeStatus('ProxySync', obj) : undefined;
      return obj && decoded?.ok ? { obj, status: decoded.status } : undefined;
    };
    const ready = await waitFor('the ProxySync to be Ready', async () => {
      const s = await statusOf();
      return s && isReadyAtGeneration(s.status, s.obj.metadata.generation) ? s.status : undefined;
    }, 60_000);
    expect(findCondition(ready.conditions, 'Ready')).toMatchObject({ status: 'True', reason: 'ReconciliationSucceeded' });
    expect(ready.remote).toEqual({ cluster: `secret ${ns}/edge-1-kubeconfig`, namespace: ns, name: 'cr-remote' });
    expect(ready.remoteObservedGeneration).toBe(1);
    expect(ready.lastSeenTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(ready.inventory.entries.map((e) => e.id)).toEqual([`_ConfigMap_${ns}_cr-web`]);
    expect((await get(e1, 'ConfigMap', 'cr-web'))?.['data']).toEqual({ k: 'v' });

    await fleet.cluster('edge-1').stopApiServer();
    let down: ProxySyncStatus;
    try {
      down = await waitFor('Ready=False Unreachable', async () => {
        const s = await statusOf();
        return findCondition(s?.status.conditions, 'Ready')?.reason === 'Unreachable' ? s!.status : undefined;
      }, 30_000);
    } finally {
      await fleet.cluster('edge-1').startApiServer();
    }
    expect(findCondition(down.conditions, 'Ready')?.status).toBe('False');
    expect(down.message).toMatch(/remote status stale \(last seen \d{4}-/);
    expect(down.inventory).toEqual(ready.inventory);
    expect(down.remoteObservedGeneration).toBe(1);

    const back = await waitFor('Ready again', async () => {
      const s = await statusOf();
      return s && findCondition(s.status.conditions, 'Ready')?.status === 'True' ? s.status : undefined;
    }, 60_000);
    expect(back.lastSeenTime! >= ready.lastSeenTime!).toBe(true);

    await mc.delete({ apiVersion: API_VERSION, kind: 'ProxySync', namespace: ns, name: 'cr' });
    await waitFor('the ProxySync to be gone', async () => (await get(mc, 'ProxySync', 'cr')) === undefined, 90_000);
    expect(await get(e1, 'Sync', 'cr-remote')).toBeUndefined();
    expect(await get(e1, 'ConfigMap', 'cr-web')).toBeUndefined();
  });
});

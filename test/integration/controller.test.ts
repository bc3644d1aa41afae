/**
 * The controller against the real API servers of the local fleet, in-process (the same code
 * `syncprims controller` runs): Sync create / update / delete, deletion policies, invalid spec,
 * suspend and the manual trigger, dependsOn across kinds (wake-up time measured), cycles,
 * impersonation, restart without writes, RBAC per kind, leader election failover.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import type { KubeClient } from '../../src/cluster/kube-client.js';
import type { KubeObject } from '../../src/core/object-ref.js';
import { isSyncError } from '../../src/core/sync-error.js';
import { API_VERSION, type SyncKind } from '../../src/api/group.js';
import { syncprimsCrds } from '../../src/api/crds.js';
import { decodeStatus } from '../../src/api/decode-status.js';
import { findCondition, isReadyAtGeneration, type SyncStatus } from '../../src/api/status.js';
import { REQUESTED_AT_ANNOTATION } from '../../src/api/annotations.js';
import { Source } from '../../src/manifests/source.js';
import { Controller } from '../../src/controller/controller.js';
import { FINALIZER } from '../../src/controller/finalizer.js';
import { fleetInfo } from './fleet-context.js';
import { captureLogger } from './support/capture-logger.js';

const fleet = fleetInfo();
const suffix = randomBytes(3).toString('hex');
const ns = `ctrl-it-${suffix}`;
const FM = 'controller-it';

const { logger, logs } = captureLogger();

const mgmt = Cluster.fromKubeconfig({ path: fleet.cluster('mgmt').kubeconfigPath('admin') });
const edge = Cluster.fromKubeconfig({ path: fleet.cluster('edge-1').kubeconfigPath('admin') });
let client: KubeClient;
let edgeClient: KubeClient;
const controllers: Controller[] = [];

function startController(options: Partial<ConstructorParameters<typeof Controller>[0]> = {}): Controller {
  const controller = new Controller({ cluster: mgmt, namespace: ns, leaderElection: false, logger, concurrency: 4, ...options });
  controllers.push(controller);
  return controller;
}

const cm = (name: string, data: Record<string, string>, namespace = ns): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });

function resource(kind: SyncKind, name: string, spec: Record<string, unknown>, namespace = ns): KubeObject {
  return { apiVersion: API_VERSION, kind, metadata: { name, namespace }, spec };
}

const get = (kind: string, name: string, namespace = ns, c: KubeClient = client) =>
  c.get({ apiVersion: kind === 'ConfigMap' ? 'v1' : API_VERSION, kind, namespace, name });

function statusOf(obj: KubeObject | undefined): SyncStatus | undefined {
  if (!obj) return undefined;
  const decoded = decodeStatus('Sync', obj);
  return decoded.ok ? decoded.status : undefined;
}

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

async function waitReady(kind: SyncKind, name: string, generation?: number, namespace = ns): Promise<KubeObject> {
  return waitFor(`${kind}/${name} Ready`, async () => {
    const obj = await get(kind, name, namespace);
    const status = statusOf(obj);
    if (!obj || !isReadyAtGeneration(status, obj.metadata.generation)) return undefined;
    return generation === undefined || obj.metadata.generation === generation ? obj : undefined;
  });
}

async function eventsOf(name: string): Promise<{ reason: string; type: string; message: string; count: number }[]> {
  const list = await client.list('v1', 'Event', { namespace: ns, fieldSelector: `involvedObject.name=${name}` });
  return list.items.map((e) => e as unknown as { reason: string; type: string; message: string; count: number });
}

async function mergePatch(kind: string, plural: string, name: string, body: unknown): Promise<void> {
  await client.request({
    method: 'PATCH',
    path: `/apis/${API_VERSION}/namespaces/${ns}/${plural}/${name}`,
    contentType: 'application/merge-patch+json',
    body,
  });
}

beforeAll(async () => {
  client = await mgmt.connect();
  edgeClient = await edge.connect();
  for (const crd of syncprimsCrds()) await client.apply(crd, { fieldManager: FM, force: true });
  client.invalidateDiscovery();
  await waitFor('the syncprims CRDs to be established', async () => {
    for (const crd of syncprimsCrds()) {
      const live = await client.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crd.metadata.name });
      const conditions = ((live?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions) ?? [];
      if (!conditions.some((c) => c.type === 'Established' && c.status === 'True')) return false;
    }
    return true;
  });
  client.invalidateDiscovery();
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await edgeClient.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { fieldManager: FM });
});

afterEach(async () => {
  await Promise.all(controllers.splice(0).map((c) => c.stop()));
});

afterAll(async () => {
  // Drop the finalizers of whatever a failed test left, then the namespaces.
  for (const kind of ['Sync', 'RemoteSync', 'ProxySync'] as const) {
    const list = await client.list(API_VERSION, kind, { namespace: ns }).catch(() => ({ items: [] as KubeObject[] }));
    for (const obj of list.items) {
      await mergePatch(kind, `${kind.toLowerCase()}s`, obj.metadata.name, { metadata: { finalizers: null } }).catch(() => undefined);
    }
  }
  await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  await edgeClient.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  mgmt.close();
  edge.close();
});

describe('Sync custom resources', () => {
  it('applies on create, re-applies and prunes on update, tears down on delete (policy Delete)', async () => {
    const controller = startController();
    await controller.start();
    await client.create(cm('web-manifests', { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-cm, namespace: ' + ns + '}\ndata: {k: v}\n' }));
    await client.create(
      resource('Sync', 'web', {
        source: { inline: [cm('one', { k: '1' }), cm('two', { k: '2' })], configMapRefs: [{ name: 'web-manifests' }] },
        interval: '1h',
      }),
    );
    const ready = await waitReady('Sync', 'web', 1);
    const status = statusOf(ready)!;
    expect(ready.metadata.finalizers).toContain(FINALIZER);
    expect(status.observedGeneration).toBe(1);
    expect(status.lastAppliedRevision).toMatch(/^sha256:/);
    expect(status.lastAttemptedRevision).toBe(status.lastAppliedRevision);
    expect(status.inventory.entries.map((e) => e.id).sort()).toEqual([`_ConfigMap_${ns}_from-cm`, `_ConfigMap_${ns}_one`, `_ConfigMap_${ns}_two`]);
    expect(status.conditions.map((c) => c.type)).toEqual(['Ready']);
    expect((await get('ConfigMap', 'one'))?.['data']).toEqual({ k: '1' });
    expect((await get('ConfigMap', 'from-cm'))?.['data']).toEqual({ k: 'v' });
    await waitFor('an Applied event', async () => (await eventsOf('web')).some((e) => e.reason === 'Applied' && e.type === 'Normal'));

    await mergePatch('Sync', 'syncs', 'web', { spec: { source: { inline: [cm('one', { k: 'changed' })], configMapRefs: [{ name: 'web-manifests' }] } } });
    const updated = await waitReady('Sync', 'web', 2);
    expect(statusOf(updated)!.lastAppliedRevision).not.toBe(status.lastAppliedRevision);
    expect((await get('ConfigMap', 'one'))?.['data']).toEqual({ k: 'changed' });
    expect(await get('ConfigMap', 'two')).toBeUndefined();
    await waitFor('a Pruned event', async () => (await eventsOf('web')).some((e) => e.reason === 'Pruned' && e.message.includes('two')));

    // Editing the referenced ConfigMap changes the desired set at the next pass (here: on request).
    await client.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${ns}/configmaps/web-manifests`,
      contentType: 'application/merge-patch+json',
      body: { data: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-cm, namespace: ' + ns + '}\ndata: {k: edited}\n' } },
    });
    await mergePatch('Sync', 'syncs', 'web', { metadata: { annotations: { [REQUESTED_AT_ANNOTATION]: 'edit-1' } } });
    await waitFor('the edited ConfigMap content', async () => ((await get('ConfigMap', 'from-cm'))?.['data'] as { k?: string } | undefined)?.k === 'edited');
    await waitFor('lastHandledRequestedAt', async () => statusOf(await get('Sync', 'web'))?.lastHandledRequestedAt === 'edit-1');

    await client.delete({ apiVersion: API_VERSION, kind: 'Sync', namespace: ns, name: 'web' });
    await waitFor('the Sync to be gone', async () => (await get('Sync', 'web')) === undefined);
    expect(await get('ConfigMap', 'one')).toBeUndefined();
    expect(await get('ConfigMap', 'from-cm')).toBeUndefined();
    expect(await get('ConfigMap', 'web-manifests')).toBeDefined();
  });

  it('leaves the objects in place on delete with deletionPolicy Orphan', async () => {
    const controller = startController();
    await controller.start();
    await client.create(resource('Sync', 'keep', { source: { inline: [cm('kept', { k: '1' })] }, deletionPolicy: 'Orphan', interval: '1h' }));
    await waitReady('Sync', 'keep');
    const deleted = new Promise((resolve) => controller.once('deleted', resolve));
    await client.delete({ apiVersion: API_VERSION, kind: 'Sync', namespace: ns, name: 'keep' });
    expect(await deleted).toMatchObject({ name: 'keep', orphaned: true });
    await waitFor('the Sync to be gone', async () => (await get('Sync', 'keep')) === undefined);
    expect((await get('ConfigMap', 'kept'))?.['data']).toEqual({ k: '1' });
  });

  it('reports an invalid spec as Stalled with the field path and writes nothing to the target', async () => {
    const controller = startController();
    await controller.start();
    // The schema accepts the duration's syntax; only the codec sees it overflows.
    await client.create(resource('Sync', 'bad', { source: { inline: [cm('never', {})] }, interval: '999999999999h' }));
    const stalled = await waitFor('Stalled', async () => {
      const obj = await get('Sync', 'bad');
      const s = statusOf(obj);
      return s && findCondition(s.conditions, 'Stalled')?.status === 'True' ? { obj: obj!, status: s } : undefined;
    });
    expect(findCondition(stalled.status.conditions, 'Stalled')).toMatchObject({ reason: 'InvalidSpec', observedGeneration: 1 });
    expect(findCondition(stalled.status.conditions, 'Stalled')?.message).toContain('spec.interval');
    expect(findCondition(stalled.status.conditions, 'Ready')).toMatchObject({ status: 'False', reason: 'InvalidSpec' });
    expect(stalled.status.observedGeneration).toBe(1);
    expect(stalled.obj.metadata.finalizers ?? []).not.toContain(FINALIZER);
    expect(await get('ConfigMap', 'never')).toBeUndefined();
    await waitFor('an InvalidSpec warning event', async () => (await eventsOf('bad')).some((e) => e.reason === 'InvalidSpec' && e.type === 'Warning'));

    // Fixing the spec recovers it.
    await mergePatch('Sync', 'syncs', 'bad', { spec: { interval: '1h' } });
    await waitReady('Sync', 'bad', 2);
    expect(await get('ConfigMap', 'never')).toBeDefined();
  });

  it('does not apply while suspended, and applies once resumed', async () => {
    const controller = startController();
    await controller.start();
    await client.create(resource('Sync', 'paused', { source: { inline: [cm('paused-cm', {})] }, suspend: true, interval: '1h' }));
    const suspended = await waitFor('Suspended', async () => {
      const s = statusOf(await get('Sync', 'paused'));
      return findCondition(s?.conditions, 'Ready')?.reason === 'Suspended' ? s : undefined;
    });
    expect(suspended.message).toContain('suspended');
    expect(await get('ConfigMap', 'paused-cm')).toBeUndefined();
    await mergePatch('Sync', 'syncs', 'paused', { spec: { suspend: false } });
    await waitReady('Sync', 'paused', 2);
    expect(await get('ConfigMap', 'paused-cm')).toBeDefined();
  });

  it('applies as spec.serviceAccountName (impersonation): Forbidden until the account is granted', async () => {
    const controller = startController();
    await controller.start();
    await client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer', namespace: ns } });
    await client.create(resource('Sync', 'as-sa', { source: { inline: [cm('by-sa', {})] }, serviceAccountName: 'deployer', interval: '1h', retryInterval: '1s' }));
    const failed = await waitFor('a Forbidden failure', async () => {
      const s = statusOf(await get('Sync', 'as-sa'));
      const r = findCondition(s?.conditions, 'Ready');
      return r?.status === 'False' && r.reason === 'ReconciliationFailed' ? r : undefined;
    });
    expect(failed.message).toMatch(/forbidden|deployer/i);
    expect(await get('ConfigMap', 'by-sa')).toBeUndefined();
    await client.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'deployer', namespace: ns },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }],
    });
    await client.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'deployer', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer' },
      subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: ns }],
    });
    await waitReady('Sync', 'as-sa');
    const created = await get('ConfigMap', 'by-sa');
    expect(created?.metadata.managedFields?.some((f) => f.manager === 'syncprims')).toBe(true);
  });
});

describe('RemoteSync custom resources', () => {
  it('applies to the remote cluster through the kubeconfig Secret, updates, and prunes there on delete', async () => {
    const controller = startController();
    await controller.start();
    await client.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'edge-kubeconfig', namespace: ns },
      type: 'Opaque',
      data: { kubeconfig: Buffer.from(fleet.cluster('edge-1').kubeconfigYaml('admin')).toString('base64') },
    });
    // retryInterval: a pass that fails transiently (an API server timing out under machine load)
    // is retried within the 30 s waits below; by default it would wait for `interval` (1h).
    const spec = (data: Record<string, string>, extra: KubeObject[] = []) => ({
      source: { inline: [cm('remote-a', data), ...extra] },
      kubeConfig: { secretRef: { name: 'edge-kubeconfig', key: 'kubeconfig' } },
      interval: '1h',
      retryInterval: '1s',
    });
    await client.create(resource('RemoteSync', 'install', spec({ v: '1' }, [cm('remote-b', {})])));
    const ready = await waitReady('RemoteSync', 'install', 1);
    expect(ready.metadata.finalizers).toContain(FINALIZER);
    expect((await get('ConfigMap', 'remote-a', ns, edgeClient))?.['data']).toEqual({ v: '1' });
    expect(await get('ConfigMap', 'remote-b', ns, edgeClient)).toBeDefined();
    expect(await get('ConfigMap', 'remote-a')).toBeUndefined(); // not on the management cluster

    await mergePatch('RemoteSync', 'remotesyncs', 'install', { spec: spec({ v: '2' }) });
    await waitReady('RemoteSync', 'install', 2);
    expect((await get('ConfigMap', 'remote-a', ns, edgeClient))?.['data']).toEqual({ v: '2' });
    expect(await get('ConfigMap', 'remote-b', ns, edgeClient)).toBeUndefined();

    await client.delete({ apiVersion: API_VERSION, kind: 'RemoteSync', namespace: ns, name: 'install' });
    await waitFor('the RemoteSync to be gone', async () => (await get('RemoteSync', 'install')) === undefined);
    expect(await get('ConfigMap', 'remote-a', ns, edgeClient)).toBeUndefined();
  });

  it('reports a missing kubeconfig Secret as a retryable failure and recovers when it appears', async () => {
    const controller = startController();
    await controller.start();
    await client.create(
      resource('RemoteSync', 'no-secret', {
        source: { inline: [cm('late', {})] },
        kubeConfig: { secretRef: { name: 'late-kubeconfig' } },
        interval: '1h',
        retryInterval: '1s',
      }),
    );
    const failed = await waitFor('a failure naming the Secret', async () => {
      const r = findCondition(statusOf(await get('RemoteSync', 'no-secret'))?.conditions, 'Ready');
      return r?.status === 'False' && r.reason === 'ReconciliationFailed' ? r : undefined;
    });
    expect(failed.message).toContain('late-kubeconfig');
    await client.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'late-kubeconfig', namespace: ns },
      type: 'Opaque',
      data: { value: Buffer.from(fleet.cluster('edge-1').kubeconfigYaml('admin')).toString('base64') },
    });
    await waitReady('RemoteSync', 'no-secret');
    expect(await get('ConfigMap', 'late', ns, edgeClient)).toBeDefined();
    // No token of the kubeconfig ends up in logs, status or events.
    const token = fleet.cluster('edge-1').token('admin');
    const everything = JSON.stringify([logs, await get('RemoteSync', 'no-secret'), await eventsOf('no-secret')]);
    expect(everything).not.toContain(token);
  });
});

describe('dependsOn', () => {
  it('waits for dependencies of every kind, says which, and starts when the last one turns Ready', async () => {
    // ProxySync is watched (dependsOn spans all kinds) but not reconciled here: the test plays its controller.
    const controller = startController({ kinds: ['Sync', 'RemoteSync'] });
    await client.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'edge-1-kubeconfig', namespace: ns },
      type: 'Opaque',
      data: { value: Buffer.from(fleet.cluster('edge-1').kubeconfigYaml('admin')).toString('base64') },
    });
    const starts = new Map<string, number>();
    const readyAt = new Map<string, number>();
    let startedEarly = false;
    controller.on('reconciling', (e) => {
      if (!starts.has(e.name)) starts.set(e.name, performance.now());
      if (e.name === 'app') {
        for (const [kind, name] of [['Sync', 'base'], ['RemoteSync', 'edge'], ['ProxySync', 'px']] as const) {
          if (!isReadyAtGeneration(statusOf(controller.get(kind, ns, name)), controller.get(kind, ns, name)?.metadata.generation)) startedEarly = true;
        }
      }
    });
    controller.on('reconciled', (e) => readyAt.set(e.name, performance.now()));
    await controller.start();

    await client.create(
      resource('Sync', 'app', {
        source: { inline: [cm('app-cm', {})] },
        interval: '1h',
        dependsOn: [
          { kind: 'Sync', name: 'base' },
          { kind: 'RemoteSync', name: 'edge' },
          { kind: 'ProxySync', name: 'px' },
        ],
      }),
    );
    const waiting = await waitFor('app to wait', async () => {
      const r = findCondition(statusOf(await get('Sync', 'app'))?.conditions, 'Ready');
      return r?.reason === 'DependencyNotReady' ? r : undefined;
    });
    expect(waiting.status).toBe('False');
    expect(waiting.message).toMatch(/^waiting for Sync\/base: not found/);

    // A Sync -> Sync wake-up: base turns Ready through the controller itself.
    await client.create(resource('Sync', 'base', { source: { inline: [cm('base-cm', {})] }, interval: '1h' }));
    await waitReady('Sync', 'base');
    await client.create(
      resource('RemoteSync', 'edge', {
        source: { inline: [cm('edge-cm', { k: 'remote' })] },
        kubeConfig: { secretRef: { name: 'edge-1-kubeconfig' } },
        interval: '1h',
      }),
    );
    await waitReady('RemoteSync', 'edge');
    expect((await get('ConfigMap', 'edge-cm', ns, edgeClient))?.['data']).toEqual({ k: 'remote' });
    expect(await get('ConfigMap', 'edge-cm')).toBeUndefined();

    // No reconciler runs ProxySync here: write its status as its controller would.
    await client.create(
      resource('ProxySync', 'px', {
        kubeConfig: { secretRef: { name: 'edge-1-kubeconfig' } },
        template: { spec: { source: { inline: [cm('px-cm', {})] } } },
      }),
    );
    const stillWaiting = await waitFor('app to wait for the ProxySync', async () => {
      const r = findCondition(statusOf(await get('Sync', 'app'))?.conditions, 'Ready');
      return r?.message.startsWith('waiting for ProxySync/px') ? r : undefined;
    });
    expect(stillWaiting.reason).toBe('DependencyNotReady');
    expect(starts.has('app')).toBe(false);
    expect(await get('ConfigMap', 'app-cm')).toBeUndefined();

    const px = (await get('ProxySync', 'px'))!;
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const t0 = performance.now();
    await client.replaceStatus({
      ...px,
      status: {
        observedGeneration: px.metadata.generation,
        conditions: [{ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'remote Sync ready', lastTransitionTime: now, observedGeneration: px.metadata.generation }],
      },
    });
    const tWritten = performance.now();
    await waitReady('Sync', 'app');
    const wake = starts.get('app')! - t0;
    const wakeAfterWrite = starts.get('app')! - tWritten;
    process.stderr.write(`[controller-it] dependsOn wake-up: dependent started ${wake.toFixed(1)} ms after the ProxySync status write was sent (${wakeAfterWrite.toFixed(1)} ms after it returned)\n`);
    expect(startedEarly).toBe(false);
    expect(starts.get('app')!).toBeGreaterThan(t0);
    expect(wake).toBeLessThan(5_000); // generous bound; the figure is reported above
    expect(readyAt.get('base')!).toBeLessThan(starts.get('app')!);
    expect(await get('ConfigMap', 'app-cm')).toBeDefined();
    await client.delete({ apiVersion: API_VERSION, kind: 'ProxySync', namespace: ns, name: 'px' });
  });

  it('measures the Sync -> Sync wake-up and reports a cycle as Stalled with its path', async () => {
    const controller = startController();
    const starts = new Map<string, number>();
    const readyAt = new Map<string, number>();
    controller.on('reconciling', (e) => void (!starts.has(e.name) && starts.set(e.name, performance.now())));
    controller.on('reconciled', (e) => void (!readyAt.has(e.name) && readyAt.set(e.name, performance.now())));
    await controller.start();
    await client.create(resource('Sync', 'second', { source: { inline: [cm('second-cm', {})] }, interval: '1h', dependsOn: [{ kind: 'Sync', name: 'first' }] }));
    await client.create(resource('Sync', 'first', { source: { inline: [cm('first-cm', {})] }, interval: '1h' }));
    await waitReady('Sync', 'second');
    const latency = starts.get('second')! - readyAt.get('first')!;
    process.stderr.write(`[controller-it] Sync -> Sync wake-up: dependent started ${latency.toFixed(1)} ms after the dependency's Ready status write returned\n`);
    expect(starts.get('second')!).toBeGreaterThan(starts.get('first')!);
    expect(Math.abs(latency)).toBeLessThan(5_000);

    await client.create(resource('Sync', 'cyc-a', { source: { inline: [cm('cyc-a', {})] }, dependsOn: [{ kind: 'Sync', name: 'cyc-b' }] }));
    await client.create(resource('Sync', 'cyc-b', { source: { inline: [cm('cyc-b', {})] }, dependsOn: [{ kind: 'Sync', name: 'cyc-a' }] }));
    for (const name of ['cyc-a', 'cyc-b']) {
      const stalled = await waitFor(`${name} Stalled`, async () => {
        const c = findCondition(statusOf(await get('Sync', name))?.conditions, 'Stalled');
        return c?.status === 'True' ? c : undefined;
      });
      expect(stalled.reason).toBe('DependencyCycle');
      const other = name === 'cyc-a' ? 'cyc-b' : 'cyc-a';
      expect(stalled.message).toBe(`dependency cycle: Sync/${name} -> Sync/${other} -> Sync/${name}`);
    }
    expect(await get('ConfigMap', 'cyc-a')).toBeUndefined();
    // Breaking the cycle lets both through.
    await mergePatch('Sync', 'syncs', 'cyc-b', { spec: { dependsOn: null } });
    await waitReady('Sync', 'cyc-b');
    await waitReady('Sync', 'cyc-a');
  });
});

describe('restart', () => {
  it('a restarted controller re-reconciles every object without a single write', async () => {
    // Its own namespace: only objects at rest, none left mid-pass by another test.
    const restartNs = `${ns}-restart`;
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: restartNs } });
    const first = startController({ namespace: restartNs });
    await first.start();
    const objects = [cm('s1', { k: '1' }, restartNs), cm('s2', { k: '2' }, restartNs), cm('s3', { k: '3' }, restartNs)];
    await client.create(resource('Sync', 'steady', { source: { inline: objects }, interval: '1h' }, restartNs));
    await client.create(resource('Sync', 'steady-dependent', { source: { inline: [cm('s4', {}, restartNs)] }, interval: '1h', dependsOn: [{ kind: 'Sync', name: 'steady' }] }, restartNs));
    await waitReady('Sync', 'steady', 1, restartNs);
    await waitReady('Sync', 'steady-dependent', 1, restartNs);
    await first.idle(); // a pass cut short by stop() would leave work for the next controller
    await first.stop();

    const clients: KubeClient[] = [];
    const original = Cluster.prototype.connect;
    const spy = vi.spyOn(Cluster.prototype, 'connect').mockImplementation(async function (this: Cluster, ...args) {
      const c = await original.apply(this, args);
      clients.push(c);
      return c;
    });
    try {
      const second = startController({ namespace: restartNs });
      const results = new Map<string, readonly string[]>();
      const both = new Promise<void>((resolve) => {
        second.on('reconciled', (e) => {
          results.set(e.name, e.result.changes.map((c) => c.action));
          if (results.size === 2) resolve();
        });
      });
      await second.start();
      await both;
      await second.stop();
      expect(results.get('steady')).toEqual(['unchanged', 'unchanged', 'unchanged']);
      expect(results.get('steady-dependent')).toEqual(['unchanged']);
      const totals: Record<string, number> = {};
      for (const c of clients) for (const [method, n] of Object.entries(c.stats)) totals[method] = (totals[method] ?? 0) + n;
      process.stderr.write(`[controller-it] restart: requests by method ${JSON.stringify(totals)} over ${clients.length} clients\n`);
      expect(clients.length).toBeGreaterThan(0);
      expect(totals['GET'] ?? 0).toBeGreaterThan(0);
      expect((totals['POST'] ?? 0) + (totals['PUT'] ?? 0) + (totals['PATCH'] ?? 0) + (totals['DELETE'] ?? 0)).toBe(0);
    } finally {
      spy.mockRestore();
      for (const name of ['steady', 'steady-dependent']) {
        await client.request({
          method: 'PATCH',
          path: `/apis/${API_VERSION}/namespaces/${restartNs}/syncs/${name}`,
          contentType: 'application/merge-patch+json',
          body: { metadata: { finalizers: null } },
        });
      }
      await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: restartNs });
    }
  });
});

describe('RBAC per kind', () => {
  it('a user with only the RemoteSync editor role can create a RemoteSync but not a Sync', async () => {
    const manifests = await Source.files('deploy/rbac.yaml').load();
    const role = manifests.map((m) => m.object).find((o) => o.kind === 'ClusterRole' && o.metadata.name === 'syncprims-remotesync-editor');
    expect(role).toBeDefined();
    await client.apply(role!, { fieldManager: FM, force: true });
    await client.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'alice-remotesync-editor', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'syncprims-remotesync-editor' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
    });
    const alice = Cluster.fromKubeconfig({ path: fleet.cluster('mgmt').kubeconfigPath('alice') });
    try {
      const ac = await alice.connect();
      const spec = { source: { inline: [cm('x', {})] }, kubeConfig: { secretRef: { name: 'nowhere' } } };
      const created = await waitFor('the RoleBinding to take effect', async () =>
        ac.create(resource('RemoteSync', 'by-alice', spec)).catch((err: unknown) => (isSyncError(err) && err.code === 'FORBIDDEN' ? undefined : Promise.reject(err))),
      );
      expect(created.metadata.name).toBe('by-alice');
      const refused = await ac.create(resource('Sync', 'by-alice', { source: spec.source })).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(isSyncError(refused) && refused.code).toBe('FORBIDDEN');
      expect(await get('Sync', 'by-alice')).toBeUndefined();
    } finally {
      alice.close();
    }
  });
});

describe('leader election', () => {
  const election = (identity: string) => ({ namespace: ns, name: 'it-controller', identity, leaseDurationMs: 4_000, renewDeadlineMs: 3_000, retryPeriodMs: 500 });

  it('only the leader reconciles; a standby takes over within the lease duration after the leader dies', async () => {
    const a = startController({ leaderElection: election('replica-a') });
    const b = startController({ leaderElection: election('replica-b') });
    const reconciledBy: Record<string, string[]> = { 'replica-a': [], 'replica-b': [] };
    a.on('reconciled', (e) => reconciledBy['replica-a']!.push(e.name));
    b.on('reconciled', (e) => reconciledBy['replica-b']!.push(e.name));
    const firstLeader = new Promise<string>((resolve) => {
      a.on('leader', (e) => e.leading && resolve(e.identity));
      b.on('leader', (e) => e.leading && resolve(e.identity));
    });
    await Promise.all([a.start(), b.start()]);
    const leaderId = await firstLeader;
    const [leader, standby] = leaderId === 'replica-a' ? [a, b] : [b, a];
    expect(standby.isLeader).toBe(false);
    await client.create(resource('Sync', 'led', { source: { inline: [cm('led-cm', {})] }, interval: '1h' }));
    await waitReady('Sync', 'led');
    expect(reconciledBy[leader.identity]).toContain('led');
    expect(reconciledBy[standby.identity]).toEqual([]);

    const takeover = new Promise<number>((resolve) => standby.on('leader', (e) => e.leading && resolve(performance.now())));
    const killedAt = performance.now();
    await leader.stop({ releaseLease: false }); // as if the process died: the Lease is left to expire
    const took = (await takeover) - killedAt;
    process.stderr.write(`[controller-it] leader election: standby took over ${took.toFixed(0)} ms after the leader died (lease 4000 ms, retry 500 ms)\n`);
    // client-go semantics: expiry counts from when the standby last saw the record change,
    // which is at most one retry period after the leader's last renewal.
    expect(took).toBeLessThan(4_000 + 2 * 500 + 1_000);
    const lease = await client.get({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: ns, name: 'it-controller' });
    expect((lease?.['spec'] as { holderIdentity?: string }).holderIdentity).toBe(standby.identity);

    await client.create(resource('Sync', 'after-failover', { source: { inline: [cm('after-cm', {})] }, interval: '1h' }));
    await waitReady('Sync', 'after-failover');
    expect(reconciledBy[standby.identity]).toContain('after-failover');
  });

  it('stop() releases the Lease so a standby takes over at once', async () => {
    const a = startController({ leaderElection: election('graceful-a') });
    await a.start();
    await waitFor('a to lead', async () => a.isLeader);
    const b = startController({ leaderElection: election('graceful-b') });
    await b.start();
    const takeover = new Promise<number>((resolve) => b.on('leader', (e) => e.leading && resolve(performance.now())));
    const stoppedAt = performance.now();
    await a.stop();
    const took = (await takeover) - stoppedAt;
    process.stderr.write(`[controller-it] leader election: takeover after a graceful stop in ${took.toFixed(0)} ms\n`);
    expect(took).toBeLessThan(4_000); // well under the lease duration: the Lease was released
    expect(b.isLeader).toBe(true);
  });
  it('with controller processes: SIGKILL of the leader hands over after the lease expires, SIGTERM releases at once', async () => {
    const runControllerModule = fileURLToPath(new URL('../../src/controller/run-controller.ts', import.meta.url));
    const kubeconfig = fleet.cluster('mgmt').kubeconfigPath('admin');
    const children: ChildProcess[] = [];
    /** Runs `runController` (what `syncprims controller` runs) in a child process; its leader events arrive as JSON lines. */
    const spawnController = (identity: string) => {
      const script = `
        import { runController } from ${JSON.stringify(runControllerModule)};
        const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
        await runController({
          kubeconfig: ${JSON.stringify(kubeconfig)},
          namespace: ${JSON.stringify(ns)},
          leaderElection: ${JSON.stringify(election(identity))},
          onStarted: (c) => { c.on('leader', (e) => say(e)); say({ started: true, leading: c.isLeader }); },
        });
        say({ exited: true });`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      const lines: Record<string, unknown>[] = [];
      const waiters: { test: (l: Record<string, unknown>) => boolean; resolve: () => void }[] = [];
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        for (const w of waiters.filter((w) => w.test(parsed))) w.resolve();
      });
      const until = (test: (l: Record<string, unknown>) => boolean) =>
        lines.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      return { child, until, exited };
    };
    try {
      const a = spawnController('process-a');
      await a.until((l) => l['leading'] === true);
      const b = startController({ leaderElection: election('in-process-b') });
      await b.start();
      expect(b.isLeader).toBe(false);
      const takeover = new Promise<number>((resolve) => b.on('leader', (e) => e.leading && resolve(performance.now())));
      const killedAt = performance.now();
      a.child.kill('SIGKILL');
      expect(await a.exited).toBe(null);
      const took = (await takeover) - killedAt;
      process.stderr.write(`[controller-it] leader election (processes): takeover ${took.toFixed(0)} ms after SIGKILL of the leader (lease 4000 ms)\n`);
      expect(took).toBeLessThan(4_000 + 2 * 500 + 1_000);

      const c = spawnController('process-c');
      await c.until((l) => l['started'] === true);
      await b.stop(); // releases: process-c takes over at once
      await c.until((l) => l['leading'] === true);
      const terminatedAt = performance.now();
      c.child.kill('SIGTERM');
      expect(await c.exited).toBe(0);
      await c.until((l) => l['exited'] === true);
      process.stderr.write(`[controller-it] SIGTERM: the controller process shut down in ${(performance.now() - terminatedAt).toFixed(0)} ms\n`);
      const lease = await client.get({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: ns, name: 'it-controller' });
      expect((lease?.['spec'] as { holderIdentity?: string }).holderIdentity ?? '').toBe('');
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

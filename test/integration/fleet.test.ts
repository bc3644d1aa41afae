import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ApiException, CoreV1Api, KubeConfig, KubernetesObjectApi, PatchStrategy, RbacAuthorizationV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { readFleetState, startFleet, type FleetUser } from '../../src/fleet/index.js';
import { isProcessAlive } from '../../src/fleet/process-control.js';
import { recordedProcesses } from '../../src/fleet/process-reaper.js';
import { fleetInfo, restoreFleet, singleCluster } from './fleet-context.js';

const fleet = fleetInfo();
const suffix = randomBytes(3).toString('hex');

function kubeConfig(cluster: string, user: FleetUser = 'admin'): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(fleet.cluster(cluster).kubeconfigPath(user));
  return kc;
}
const core = (cluster: string, user: FleetUser = 'admin'): CoreV1Api => kubeConfig(cluster, user).makeApiClient(CoreV1Api);
const objects = (cluster: string): KubernetesObjectApi => KubernetesObjectApi.makeApiClient(kubeConfig(cluster));

/** The HTTP status of a rejected client call (0 when the server could not be reached). */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (err) {
    return err instanceof ApiException ? err.code : 0;
  }
}

function probe(cluster: string): KubernetesObject & { data: Record<string, string> } {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `fleet-probe-${suffix}`, namespace: 'default' }, data: { cluster } };
}

afterAll(restoreFleet);

describe('the shared fleet', () => {
  it('runs three clusters, each with its own data, and applies server-side', async () => {
    expect(fleet.clusterNames).toEqual(['mgmt', 'edge-1', 'edge-2']);
    for (const name of fleet.clusterNames) {
      const applied = await objects(name).patch(probe(name), undefined, undefined, 'fleet-test', false, PatchStrategy.ServerSideApply);
      expect(applied.metadata?.managedFields?.some((f) => f.manager === 'fleet-test' && f.operation === 'Apply')).toBe(true);
    }
    for (const name of fleet.clusterNames) {
      const read = await core(name).readNamespacedConfigMap({ name: `fleet-probe-${suffix}`, namespace: 'default' });
      expect(read.data).toEqual({ cluster: name });
    }
    const servers = new Set(fleet.clusterNames.map((n) => fleet.cluster(n).server));
    expect(servers.size).toBe(3);
  });

  it('serves custom resources (a build with the vendored reflect2 1.0.1 crashes on them)', async () => {
    const group = `t${suffix}.syncprims.dev`;
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `gadgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
          },
        ],
      },
    };
    const api = objects('edge-1');
    await api.patch(crd, undefined, undefined, 'fleet-test', false, PatchStrategy.ServerSideApply);
    const gadget = { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'g1', namespace: 'default', labels: { a: 'b' } }, spec: { size: 3 } };
    // Until the CRD is established the kind is unknown (404); then the apply must succeed.
    await vi.waitFor(() => api.patch(gadget, undefined, undefined, 'fleet-test', false, PatchStrategy.ServerSideApply), { timeout: 30_000, interval: 200 });
    const listed = await api.list(`${group}/v1`, 'Gadget', 'default');
    expect(listed.items.map((g) => g.metadata?.name)).toEqual(['g1']);
    expect(await statusOf(core('edge-1').listNamespace())).toBe(200);
  });

  it('deletes a namespace and its content (the controller-manager runs)', async () => {
    const api = core('mgmt');
    const ns = `fleet-ns-${suffix}`;
    await api.createNamespace({ body: { metadata: { name: ns } } });
    await api.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'inside' }, data: { a: 'b' } } });
    await api.deleteNamespace({ name: ns });
    await vi.waitFor(async () => expect(await statusOf(api.readNamespace({ name: ns }))).toBe(404), { timeout: 60_000, interval: 200 });
  });

  it('collects garbage: deleting an owner deletes its dependents', async () => {
    const api = core('edge-1');
    const owner = await api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: `owner-${suffix}` } } });
    await api.createNamespacedConfigMap({
      namespace: 'default',
      body: {
        metadata: {
          name: `dependent-${suffix}`,
          ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata!.name!, uid: owner.metadata!.uid! }],
        },
      },
    });
    await api.deleteNamespacedConfigMap({ name: `owner-${suffix}`, namespace: 'default' });
    await vi.waitFor(
      async () => expect(await statusOf(api.readNamespacedConfigMap({ name: `dependent-${suffix}`, namespace: 'default' }))).toBe(404),
      { timeout: 60_000, interval: 200 },
    );
  });

  it('denies the restricted identity (403) and honours RBAC bound to alice', async () => {
    const ns = 'default';
    expect(await statusOf(core('edge-2', 'restricted').listNamespacedConfigMap({ namespace: ns }))).toBe(403);
    const rbac = kubeConfig('edge-2').makeApiClient(RbacAuthorizationV1Api);
    const role = `read-configmaps-${suffix}`;
    await rbac.createNamespacedRole({
      namespace: ns,
      body: { metadata: { name: role }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }] },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: role },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
      },
    });
    await vi.waitFor(async () => expect(await statusOf(core('edge-2', 'alice').listNamespacedConfigMap({ namespace: ns }))).toBe(200), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await statusOf(core('edge-2', 'bob').listNamespacedConfigMap({ namespace: ns }))).toBe(403);
    expect(await statusOf(core('edge-2', 'restricted').listNamespacedConfigMap({ namespace: ns }))).toBe(403);
  });

  it('stops an API server and starts it again on the same port with the same data', async () => {
    const edge = fleet.cluster('edge-2');
    await objects('edge-2').patch(probe('edge-2'), undefined, undefined, 'fleet-test', false, PatchStrategy.ServerSideApply);
    await edge.stopApiServer({ force: true });
    expect(await statusOf(core('edge-2').listNamespace())).toBe(0);
    expect(await statusOf(core('edge-1').listNamespace())).toBe(200);
    await edge.startApiServer();
    const read = await core('edge-2').readNamespacedConfigMap({ name: `fleet-probe-${suffix}`, namespace: 'default' });
    expect(read.data).toEqual({ cluster: 'edge-2' });
    expect(fleet.cluster('edge-2').server).toBe(edge.server);
  });

  it('gives single-cluster tests a cluster: SYNCPRIMS_TEST_KUBECONFIG, else the fleet mgmt admin', async () => {
    const single = singleCluster();
    const external = process.env.SYNCPRIMS_TEST_KUBECONFIG;
    expect(single).toEqual(external ? { kubeconfigPath: external, external: true } : { kubeconfigPath: fleet.cluster('mgmt').kubeconfigPath('admin'), external: false });
    const kc = new KubeConfig();
    kc.loadFromFile(single.kubeconfigPath);
    expect((await kc.makeApiClient(CoreV1Api).readNamespace({ name: 'default' })).metadata?.name).toBe('default');
  });

  it('restarts etcd; every cluster keeps its data', async () => {
    const before = readFleetState(fleet.stateFile).etcd.process.pid;
    await fleet.etcd.restart();
    const after = readFleetState(fleet.stateFile).etcd.process.pid;
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    for (const name of fleet.clusterNames) {
      const read = await core(name).readNamespacedConfigMap({ name: `fleet-probe-${suffix}`, namespace: 'default' });
      expect(read.data).toEqual({ cluster: name });
    }
  });
});

describe('fleet lifecycle', () => {
  it('runs a second fleet next to the shared one, and stop() leaves no process behind', async () => {
    const own = await startFleet({ clusters: ['solo'] });
    const state = readFleetState(own.stateFile);
    const procs = recordedProcesses(state);
    try {
      expect(procs.map((p) => p.command.split('/').pop()).sort()).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager']);
      for (const p of procs) expect(isProcessAlive(p.pid, p.command)).toBe(true);
      const sharedPorts = new Set(fleet.clusterNames.map((n) => new URL(fleet.cluster(n).server).port));
      expect(sharedPorts.has(String(state.clusters.solo!.port))).toBe(false);
      const kc = new KubeConfig();
      kc.loadFromFile(own.clusters.solo!.kubeconfigPath());
      const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
      expect(namespaces.items.map((n) => n.metadata?.name)).toContain('default');
    } finally {
      await own.stop();
    }
    for (const p of procs) expect(isProcessAlive(p.pid, p.command)).toBe(false);
    expect(existsSync(own.dir)).toBe(false);
  });

  it.each(['SIGINT', 'SIGKILL'] as const)('stops every fleet process and removes its folder when its owner dies by %s', async (signal) => {
    const entry = fileURLToPath(new URL('../../src/fleet/index.ts', import.meta.url));
    const code = [
      `import { startFleet } from ${JSON.stringify(entry)};`,
      `const f = await startFleet({ clusters: ['orphan'], controllerManager: false });`,
      `console.log(f.stateFile);`,
      `setInterval(() => {}, 1000);`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    const stateFile = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim().split('\n')[0]!);
      });
      child.once('exit', (c) => reject(new Error(`the fleet owner exited early (${c})`)));
    });
    const state = readFleetState(stateFile);
    const procs = recordedProcesses(state);
    try {
      expect(procs).toHaveLength(2);
      for (const p of procs) expect(isProcessAlive(p.pid, p.command)).toBe(true);
      child.kill(signal);
      await vi.waitFor(() => expect(procs.filter((p) => isProcessAlive(p.pid, p.command))).toEqual([]), { timeout: 30_000, interval: 100 });
      // Its temporary folder goes too (removed by the guardian once the processes are gone).
      await vi.waitFor(() => expect(existsSync(state.dir)).toBe(false), { timeout: 10_000, interval: 100 });
    } finally {
      for (const p of procs) if (isProcessAlive(p.pid, p.command)) process.kill(-p.pid, 'SIGKILL');
      rmSync(state.dir, { recursive: true, force: true });
    }
  });
});

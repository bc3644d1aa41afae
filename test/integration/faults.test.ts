/**
 * The fault suite (issue 9): crashes and outages around real passes, on the local fleet.
 *
 * - kube-apiserver killed (SIGKILL) mid-apply and restarted: the next pass completes, the
 *   inventory matches the desired set, nothing pruned by mistake, nothing lost.
 * - etcd restarted between passes: the next pass completes with no write.
 * - a remote cluster unreachable in a dag over 3 clusters: the others finish, its dependents
 *   are `blocked`, the next pass after the restart recovers.
 * - concurrent passes of the same Sync (two instances, two OS processes): the inventory is
 *   never corrupted (optimistic concurrency), a later pass records every object.
 * - the controller killed (SIGKILL, its own process) mid-reconcile and restarted: converges,
 *   objects applied before the kill are not written again.
 *
 * Bounded: every wait has a deadline, child processes have a maximum lifetime, and the fleet
 * is restored in `afterAll` (processes stopped by a test are started again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cluster,
  RemoteSync,
  Source,
  Sync,
  dag,
  refKey,
  syncprimsCrds,
  type KubeClient,
  type KubeObject,
  type SyncResult,
} from '../../src/index.js';
import { Controller } from '../../src/controller/index.js';
import type { OwnerIdentity } from '../../src/apply/owner-identity.js';
import { clusterFor, uniqueName } from './support/clusters.js';
import { fleetInfo, restoreFleet } from './fleet-context.js';
import { ownedConfigMaps } from './support/faults/owned-config-maps.js';
import { readInventory } from './support/faults/read-inventory.js';
import { spawnChild, type Child } from './support/faults/spawn-child.js';
import { waitUntil } from './support/faults/wait-until.js';

const fleet = fleetInfo();
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Every pass of this file gets this signal: nothing waits forever. */
const passSignal = (): AbortSignal => AbortSignal.timeout(60_000);

const range = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const configMaps = (namespace: string, names: readonly string[], data: Record<string, string>): KubeObject[] =>
  names.map((name) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data }));

function countActions(result: SyncResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of result.changes) counts[c.action] = (counts[c.action] ?? 0) + 1;
  return counts;
}

const mutating = (result: SyncResult): number[] => MUTATING.map((m) => result.requests?.[m] ?? 0);

/** Names (sorted) of the inventory entries of `owner`. */
async function inventoryNames(client: KubeClient, owner: OwnerIdentity, namespace?: string): Promise<string[]> {
  const stored = await readInventory(client, owner, namespace);
  return (stored?.inventory.entries ?? []).map((e) => e.name).sort();
}

const namespaces: { client: KubeClient; name: string }[] = [];
async function createNamespace(client: KubeClient, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  namespaces.push({ client, name });
  return name;
}

const children: Child[] = [];

afterAll(async () => {
  for (const child of children) child.process.kill('SIGKILL');
  await restoreFleet();
  for (const { client, name } of namespaces) await client.delete({ apiVersion: 'v1', kind: 'Namespace', name }).catch(() => undefined);
});

describe('faults around a pass', () => {
  it('kube-apiserver killed (SIGKILL) mid-apply of 400 ConfigMaps: the next pass completes, the inventory matches, nothing pruned or lost', async () => {
    const server = fleet.cluster('edge-1');
    const cluster = clusterFor('edge-1');
    const client = await cluster.connect();
    const ns = await createNamespace(client, 'kill');
    const name = uniqueName('kill');
    const owner: OwnerIdentity = { kind: 'Sync', name };

    const old = range('old', 100);
    const first = await new Sync({ name, cluster, source: Source.objects(configMaps(ns, old, { v: '1' })) }).sync({ signal: passSignal() });
    expect(first.state).toBe('ready');

    // The desired set changes the 100 old objects and adds 300: the pass is killed after 60 applies.
    const desired = [...configMaps(ns, old, { v: '2' }), ...configMaps(ns, range('new', 300), { v: '2' })];
    const desiredNames = desired.map((o) => o.metadata.name).sort();
    const interrupted = new Sync({ name, cluster, source: Source.objects(desired), concurrency: 4 });
    let applied = 0;
    let kill: Promise<void> | undefined;
    interrupted.on('applied', () => {
      if (++applied === 60) kill = server.stopApiServer({ force: true });
    });
    let second: SyncResult;
    try {
      second = await interrupted.sync({ signal: passSignal() });
      await kill;
    } finally {
      await kill?.catch(() => undefined);
      await server.startApiServer({ timeoutMs: 60_000 });
    }
    expect(kill, 'the API server was killed during the pass').toBeDefined();
    expect(second.state).toBe('failed');
    expect(second.error?.code).toBe('UNREACHABLE');
    expect(second.error?.retryable).toBe(true);
    expect(second.changes.filter((c) => c.action === 'pruned')).toEqual([]);
    const appliedBeforeKill = (countActions(second)['configured'] ?? 0) + (countActions(second)['created'] ?? 0);
    expect(appliedBeforeKill).toBeGreaterThanOrEqual(60);
    expect(appliedBeforeKill).toBeLessThan(desired.length);

    // The same process (same Cluster, its connection pool survived the crash) runs the next pass.
    const third = await new Sync({ name, cluster, source: Source.objects(desired) }).sync({ signal: passSignal() });
    expect(third.state, third.message).toBe('ready');
    expect(third.changes.filter((c) => c.action === 'pruned' || c.action === 'skipped')).toEqual([]);
    expect(third.changes.map((c) => c.ref.name).sort()).toEqual(desiredNames);

    // Nothing lost, nothing pruned by mistake: every desired object exists with the desired data.
    const live = await ownedConfigMaps(client, owner, ns);
    expect([...live.keys()].sort()).toEqual(desiredNames);
    expect([...live.values()].filter((o) => o.data['v'] !== '2')).toEqual([]);
    // The inventory holds exactly the desired set, each entry with the digest of what was applied.
    const inventory = await readInventory(client, owner);
    expect(inventory?.count).toBe(desired.length);
    expect(inventory?.revision).toBe(third.revision);
    expect(inventory?.inventory.entries.map((e) => e.name).sort()).toEqual(desiredNames);
    expect(inventory?.inventory.entries.filter((e) => e.digest === undefined)).toEqual([]);

    // And the pass after that is a no-op: the inventory agrees with the cluster.
    const fourth = await new Sync({ name, cluster, source: Source.objects(desired) }).sync({ signal: passSignal() });
    expect(fourth.state).toBe('ready');
    expect(countActions(fourth)).toEqual({ unchanged: desired.length });
    expect(mutating(fourth)).toEqual([0, 0, 0, 0]);
  });

  it('etcd restarted between passes: the next pass completes with no write, later changes apply and prune', async () => {
    const cluster = clusterFor('mgmt');
    const client = await cluster.connect();
    const ns = await createNamespace(client, 'etcd');
    const name = uniqueName('etcd');
    const owner: OwnerIdentity = { kind: 'Sync', name };
    const names = range('cm', 50);
    const source = Source.objects(configMaps(ns, names, { v: '1' }));
    const first = await new Sync({ name, cluster, source }).sync({ signal: passSignal() });
    expect(first.state).toBe('ready');
    const before = await ownedConfigMaps(client, owner, ns);
    expect(before.size).toBe(50);

    await fleet.etcd.restart({ timeoutMs: 60_000 });

    const second = await new Sync({ name, cluster, source }).sync({ signal: passSignal() });
    expect(second.state, second.message).toBe('ready');
    expect(countActions(second)).toEqual({ unchanged: 50 });
    expect(mutating(second)).toEqual([0, 0, 0, 0]);
    const after = await ownedConfigMaps(client, owner, ns);
    expect([...after].map(([n, o]) => [n, o.resourceVersion]).sort()).toEqual([...before].map(([n, o]) => [n, o.resourceVersion]).sort());

    // Writes work again: drop 10, change 5.
    const kept = names.slice(10);
    const changed = new Set(kept.slice(0, 5));
    const next = kept.map((n) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, namespace: ns }, data: { v: changed.has(n) ? '2' : '1' } }));
    const third = await new Sync({ name, cluster, source: Source.objects(next) }).sync({ signal: passSignal() });
    expect(third.state, third.message).toBe('ready');
    expect(countActions(third)).toEqual({ unchanged: 35, configured: 5, pruned: 10 });
    expect([...(await ownedConfigMaps(client, owner, ns)).keys()].sort()).toEqual([...kept].sort());
    expect(await inventoryNames(client, owner)).toEqual([...kept].sort());
  });
});

describe('a remote cluster unreachable in a dag of 3 clusters', () => {
  let mgmt: Cluster;
  let mgmtClient: KubeClient;
  let secretNs: string;

  beforeAll(async () => {
    mgmt = clusterFor('mgmt');
    mgmtClient = await mgmt.connect();
    secretNs = await createNamespace(mgmtClient, 'fleet');
    for (const edge of ['edge-1', 'edge-2']) {
      await mgmtClient.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `${edge}-kubeconfig`, namespace: secretNs },
        type: 'Opaque',
        stringData: { value: fleet.cluster(edge).kubeconfigYaml('admin') },
      });
    }
  });

  it('the other clusters finish, the dependents of the unreachable one are blocked, and the next pass recovers', async () => {
    const ns = uniqueName('dag');
    const remote = (edge: string): Cluster => Cluster.fromSecret(mgmt, { namespace: secretNs, name: `${edge}-kubeconfig` }, { connectTimeoutMs: 2_000 });
    const withNamespace = (objs: KubeObject[]): KubeObject[] => [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, ...objs];
    const base = new Sync({ name: uniqueName('mgmt-base'), cluster: mgmt, source: Source.objects(withNamespace(configMaps(ns, ['base'], { at: 'mgmt' }))) });
    const install = (edge: string) =>
      new RemoteSync({ name: uniqueName(`${edge}-install`), cluster: remote(edge), dependsOn: [base], source: Source.objects(withNamespace(configMaps(ns, ['installed'], { at: edge }))) });
    const install1 = install('edge-1');
    const install2 = install('edge-2');
    const app = (edge: string, after: RemoteSync) =>
      new RemoteSync({ name: uniqueName(`${edge}-app`), cluster: remote(edge), dependsOn: [after], source: Source.objects(configMaps(ns, range('app', 5), { at: edge })) });
    const app1 = app('edge-1', install1);
    const app2 = app('edge-2', install2);
    const report = new Sync({ name: uniqueName('report'), cluster: mgmt, dependsOn: [app1, app2], source: Source.objects(configMaps(ns, ['report'], { all: 'ready' })) });
    const flow = dag(report);
    const byName = (r: SyncResult): Record<string, SyncResult> => Object.fromEntries((r.children ?? []).map((c) => [c.name, c]));

    const edge2 = fleet.cluster('edge-2');
    await edge2.stopApiServer({ force: true });
    let result: SyncResult;
    try {
      result = await flow.sync({ signal: passSignal() });
    } finally {
      await edge2.startApiServer({ timeoutMs: 60_000 });
    }
    const nodes = byName(result);
    expect(result.state).toBe('failed');
    expect(Object.keys(nodes).sort()).toEqual([base, install1, install2, app1, app2, report].map((s) => s.name).sort());
    for (const ok of [base, install1, app1]) expect(nodes[ok.name]?.state, nodes[ok.name]?.message).toBe('ready');
    const failed = nodes[install2.name];
    expect(failed?.state).toBe('failed');
    expect(failed?.error?.code).toBe('UNREACHABLE');
    expect(failed?.error?.retryable).toBe(true);
    expect(failed?.message).toContain(`:${new URL(edge2.server).port}`);
    expect(nodes[app2.name]?.state).toBe('blocked');
    expect(nodes[app2.name]?.error?.code).toBe('BLOCKED');
    expect(nodes[app2.name]?.message).toContain(`blocked by ${install2.name}`);
    expect(nodes[app2.name]?.message).toContain('unreachable');
    expect(nodes[report.name]?.state).toBe('blocked');
    expect(nodes[report.name]?.message).toContain(`blocked by ${app2.name}: blocked by ${install2.name}`);
    expect(nodes[report.name]?.message).not.toContain(app1.name);
    // What finished is really there; the blocked Sync on mgmt wrote nothing.
    const edge1Client = await clusterFor('edge-1').connect();
    expect(await edge1Client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'app-4' })).toBeDefined();
    expect(await mgmtClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'base' })).toBeDefined();
    expect(await mgmtClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'report' })).toBeUndefined();

    // edge-2 is back: the next pass of the same dag completes everywhere.
    const again = await flow.sync({ signal: passSignal() });
    expect(again.state, again.message).toBe('ready');
    expect(Object.values(byName(again)).map((c) => c.state)).toEqual(Array(6).fill('ready'));
    const edge2Client = await clusterFor('edge-2').connect();
    expect((await edge2Client.list('v1', 'ConfigMap', { namespace: ns })).items.map((i) => i.metadata.name).filter((n) => n !== 'kube-root-ca.crt').sort()).toEqual(
      ['app-0', 'app-1', 'app-2', 'app-3', 'app-4', 'installed'],
    );
    expect(await mgmtClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'report' })).toBeDefined();
    // Clean up the namespaces the dag created on the three clusters.
    for (const c of [mgmtClient, edge1Client, edge2Client]) namespaces.push({ client: c, name: ns });
  });
});

describe('concurrent passes of the same Sync', () => {
  let cluster: Cluster;
  let client: KubeClient;

  beforeAll(async () => {
    cluster = clusterFor('mgmt');
    client = await cluster.connect();
  });

  /** Checks what two concurrent passes may end with: both ready, or one ready and the other INVENTORY_CONFLICT. */
  function expectOneWinner(results: readonly { state: string; code?: string | undefined; retryable?: boolean | undefined; message: string }[]): void {
    process.stderr.write(`[faults] concurrent passes ended: ${results.map((r) => r.code ?? r.state).join(' + ')}\n`);
    const ready = results.filter((r) => r.state === 'ready');
    expect(ready.length, results.map((r) => r.message).join('\n')).toBeGreaterThanOrEqual(1);
    for (const loser of results.filter((r) => r.state !== 'ready')) {
      expect(loser.state).toBe('failed');
      expect(loser.code, loser.message).toBe('INVENTORY_CONFLICT');
      expect(loser.retryable).toBe(true);
    }
  }

  /** No corruption: every live object of the sync is in its inventory (so a later pass can prune it), and every entry exists. */
  async function expectInventoryCoversCluster(owner: OwnerIdentity, ns: string): Promise<string[]> {
    const live = [...(await ownedConfigMaps(client, owner, ns)).keys()].sort();
    const recorded = await inventoryNames(client, owner);
    expect(live.filter((n) => !recorded.includes(n)), 'objects the inventory does not know').toEqual([]);
    return live;
  }

  it('two instances in one process, same source: one pass wins or both are ready; the third pass records everything', async () => {
    const ns = await createNamespace(client, 'conc');
    const name = uniqueName('conc');
    const owner: OwnerIdentity = { kind: 'Sync', name };
    const desired = configMaps(ns, range('cm', 150), { v: '1' });
    const names = desired.map((o) => o.metadata.name).sort();
    // Two Cluster objects: two connection pools, as two processes would have.
    const results = await Promise.all(
      [clusterFor('mgmt'), clusterFor('mgmt')].map((c) => new Sync({ name, cluster: c, source: Source.objects(desired) }).sync({ signal: passSignal() })),
    );
    expectOneWinner(results.map((r) => ({ state: r.state, code: r.error?.code, retryable: r.error?.retryable, message: r.message })));
    expect(await expectInventoryCoversCluster(owner, ns)).toEqual(names);

    const third = await new Sync({ name, cluster, source: Source.objects(desired) }).sync({ signal: passSignal() });
    expect(third.state, third.message).toBe('ready');
    expect(countActions(third)).toEqual({ unchanged: 150 });
    expect(mutating(third)).toEqual([0, 0, 0, 0]);
    const inventory = await readInventory(client, owner);
    expect(inventory?.count).toBe(150);
    expect(inventory?.inventory.entries.map((e) => e.name).sort()).toEqual(names);
  });

  it('two instances with different sources, three rounds: no object ever escapes the inventory, a final pass prunes all but its own', async () => {
    const ns = await createNamespace(client, 'race');
    const name = uniqueName('race');
    const owner: OwnerIdentity = { kind: 'Sync', name };
    const common = range('common', 40);
    for (let round = 0; round < 3; round++) {
      const a = [...common, ...range(`a${round}`, 40)];
      const b = [...common, ...range(`b${round}`, 40)];
      const results = await Promise.all(
        [a, b].map((set) => new Sync({ name, cluster: clusterFor('mgmt'), source: Source.objects(configMaps(ns, set, { round: String(round) })) }).sync({ signal: passSignal() })),
      );
      expectOneWinner(results.map((r) => ({ state: r.state, code: r.error?.code, retryable: r.error?.retryable, message: r.message })));
      await expectInventoryCoversCluster(owner, ns);
    }
    const final = await new Sync({ name, cluster, source: Source.objects(configMaps(ns, common, { round: 'final' })) }).sync({ signal: passSignal() });
    expect(final.state, final.message).toBe('ready');
    expect([...(await ownedConfigMaps(client, owner, ns)).keys()].sort()).toEqual([...common].sort());
    expect(await inventoryNames(client, owner)).toEqual([...common].sort());
  });

  it('a slow pass overtaken by a pass that prunes: the objects the slow pass re-creates are not orphaned', async () => {
    const ns = await createNamespace(client, 'overtake');
    const name = uniqueName('overtake');
    const owner: OwnerIdentity = { kind: 'Sync', name };
    const all = range('cm', 200);
    const first = await new Sync({ name, cluster, source: Source.objects(configMaps(ns, all, { v: '0' })) }).sync({ signal: passSignal() });
    expect(first.state).toBe('ready');

    // The slow pass (an old source, one request at a time) changes all 200 objects; once it has
    // applied 5, a fast pass with a newer source (the first 100 only) runs to completion and
    // prunes the other 100. The slow pass goes on applying them, then meets the newer inventory.
    const slow = new Sync({ name, cluster: clusterFor('mgmt'), source: Source.objects(configMaps(ns, all, { v: '1' })), concurrency: 1 });
    let fast: Promise<SyncResult> | undefined;
    let fastDoneAt = 0;
    slow.on('applied', () => {
      if (fast) return;
      fast = new Sync({ name, cluster: clusterFor('mgmt'), source: Source.objects(configMaps(ns, all.slice(0, 100), { v: '0' })) })
        .sync({ signal: passSignal() })
        .finally(() => (fastDoneAt = Date.now()));
    });
    const slowResult = await slow.sync({ signal: passSignal() });
    const slowDoneAt = Date.now();
    const fastResult = await fast!;
    expect(fastResult.state, fastResult.message).toBe('ready');
    expect(countActions(fastResult)).toMatchObject({ pruned: 100 });
    expect(fastDoneAt, 'the fast pass finished first').toBeLessThan(slowDoneAt);
    expect(slowResult.state).toBe('failed');
    expect(slowResult.error?.code).toBe('INVENTORY_CONFLICT');
    expect(slowResult.error?.retryable).toBe(true);

    // Whatever the slow pass applied after the prune must still be known to the inventory:
    // otherwise no later pass would ever prune it.
    await expectInventoryCoversCluster(owner, ns);
    const final = await new Sync({ name, cluster, source: Source.objects(configMaps(ns, all.slice(0, 100), { v: '0' })) }).sync({ signal: passSignal() });
    expect(final.state, final.message).toBe('ready');
    const live = await ownedConfigMaps(client, owner, ns);
    expect([...live.keys()].sort()).toEqual(all.slice(0, 100).sort());
    // And the values are the final source's, not those the slow pass wrote after the fast one recorded its own.
    expect([...live].filter(([, o]) => o.data['v'] !== '0').map(([n]) => n)).toEqual([]);
  });

  it('two OS processes at once: no corruption of the inventory, the next pass is ready with every object recorded', async () => {
    const ns = await createNamespace(client, 'procs');
    const name = uniqueName('procs');
    const owner: OwnerIdentity = { kind: 'Sync', name };
    const names = range('cm', 150);
    const kubeconfig = fleet.cluster('mgmt').kubeconfigPath('admin');
    const pair = [0, 1].map(() => spawnChild('run-sync-pass.ts', { kubeconfig, name, namespace: ns, names, data: { v: '1' } }, 90_000));
    children.push(...pair);
    await Promise.all(pair.map((c) => c.line((l) => l === 'ready', 60_000)));
    for (const c of pair) c.send('go'); // the barrier: both passes start now
    const lines = await Promise.all(pair.map((c) => c.line((l) => l.startsWith('result '), 60_000)));
    const results = lines.map((l) => JSON.parse(l.slice('result '.length)) as { state: string; code?: string; retryable?: boolean; message: string });
    for (const c of pair) expect((await c.exited).code).toBe(0);
    expectOneWinner(results);
    expect(await expectInventoryCoversCluster(owner, ns)).toEqual([...names].sort());

    const next = await new Sync({ name, cluster, source: Source.objects(configMaps(ns, names, { v: '1' })) }).sync({ signal: passSignal() });
    expect(next.state, next.message).toBe('ready');
    expect(countActions(next)).toEqual({ unchanged: 150 });
    expect(mutating(next)).toEqual([0, 0, 0, 0]);
    const inventory = await readInventory(client, owner);
    expect(inventory?.count).toBe(150);
    expect(inventory?.inventory.entries.map((e) => e.name).sort()).toEqual([...names].sort());
  });
});

describe('the controller killed mid-reconcile', () => {
  it('converges after a restart, and objects applied before the kill are not written again', async () => {
    const mgmt = clusterFor('mgmt');
    const client = await mgmt.connect();
    for (const crd of syncprimsCrds()) await client.apply(crd, { fieldManager: 'faults-it', force: true });
    await waitUntil(
      'the syncprims CRDs to be established',
      async () => {
        for (const crd of syncprimsCrds()) {
          const live = await client.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crd.metadata.name });
          const conditions = (live?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
          if (!conditions.some((c) => c.type === 'Established' && c.status === 'True')) return false;
        }
        return true;
      },
      30_000,
    );
    client.invalidateDiscovery();
    const ns = await createNamespace(client, 'ctrl');
    const name = 'bulk';
    const owner: OwnerIdentity = { kind: 'Sync', namespace: ns, name };
    const total = 300;
    const names = range('cm', total);

    const crashing = spawnChild('run-controller.ts', { kubeconfig: fleet.cluster('mgmt').kubeconfigPath('admin'), namespace: ns }, 90_000);
    children.push(crashing);
    await crashing.line((l) => l === 'started', 60_000);

    // Kill the controller's process the moment the 30th object of its pass appears.
    const watching = new AbortController();
    let seen = 0;
    const killed = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the controller applied fewer than 30 objects within 60 s')), 60_000);
      void client
        .watch('v1', 'ConfigMap', { namespace: ns, labelSelector: '!syncprims.dev/inventory', timeoutSeconds: 60, signal: watching.signal }, (event) => {
          if (event.type === 'ADDED' && event.object.metadata.name.startsWith('cm-') && ++seen === 30) {
            crashing.process.kill('SIGKILL');
            clearTimeout(timer);
            resolve();
          }
        })
        .catch(() => undefined);
    });
    await client.create({
      apiVersion: 'syncprims.dev/v1alpha1',
      kind: 'Sync',
      metadata: { name, namespace: ns },
      spec: { source: { inline: configMaps(ns, names, { v: '1' }) }, interval: '1h' },
    });
    try {
      await killed;
    } finally {
      watching.abort();
    }
    expect((await crashing.exited).signal).toBe('SIGKILL');
    const before = await ownedConfigMaps(client, owner, ns);
    expect(before.size, 'the pass was interrupted mid-apply').toBeGreaterThanOrEqual(30);
    expect(before.size, 'the pass was interrupted mid-apply').toBeLessThan(total);

    // A new controller (the restarted pod) takes over.
    const controller = new Controller({ cluster: clusterFor('mgmt'), namespace: ns, leaderElection: false, events: false });
    const reconciled: SyncResult[] = [];
    controller.on('reconciled', (e) => e.name === name && reconciled.push(e.result));
    try {
      await controller.start();
      await waitUntil('the restarted controller to reconcile the Sync', async () => reconciled.length > 0, 60_000);
    } finally {
      await controller.stop();
    }
    const result = reconciled[0]!;
    expect(result.state, result.message).toBe('ready');
    const after = await ownedConfigMaps(client, owner, ns);
    expect([...after.keys()].sort()).toEqual([...names].sort());
    // Objects applied before the kill: not written again (same resourceVersion, reported unchanged).
    const rewritten = [...before].filter(([n, o]) => after.get(n)?.resourceVersion !== o.resourceVersion).map(([n]) => n);
    expect(rewritten, 'objects written twice').toEqual([]);
    const actionOf = new Map(result.changes.map((c) => [refKey(c.ref), c.action]));
    for (const n of before.keys()) expect(actionOf.get(refKey({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: n }))).toBe('unchanged');
    // Only the objects missing at the kill were created (in-flight ones may have landed after the snapshot).
    const created = countActions(result)['created'] ?? 0;
    expect(created).toBeLessThanOrEqual(total - before.size);
    expect(created).toBeGreaterThanOrEqual(total - before.size - 16);
    expect(await inventoryNames(client, owner, ns)).toEqual([...names].sort());
    process.stderr.write(
      `[faults] controller killed after ${before.size}/${total} objects; the restarted pass sent ${JSON.stringify(result.requests)} and created ${created}\n`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/cluster/index.js';
import { OptionsError, type KubeObject } from '../../../src/core/index.js';
import { Source } from '../../../src/manifests/index.js';
import { ProxySync, RemoteSync, Sync } from '../../../src/syncs/index.js';
import { buildInstallManifests, SyncSpecCodec } from '../../../src/api/index.js';
import { bootstrap } from '../../../src/recipes/bootstrap.js';
import { register } from '../../../src/recipes/register.js';
import { rollout } from '../../../src/recipes/rollout.js';

// Building recipes is synchronous and lazy: these clusters are never contacted.
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: 'https://127.0.0.1:1' } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`;
const mgmt = Cluster.fromKubeconfig({ yaml: KUBECONFIG });
const load = async (s: { source: Source }): Promise<KubeObject[]> => (await s.source.load()).map((m) => m.object as KubeObject);
const ids = (objs: readonly KubeObject[]): string[] => objs.map((o) => `${o.kind}/${o.metadata.name}`);

describe('bootstrap', () => {
  it('is a dag crds -> controller -> self whose Sync resource holds the same manifests, deletionPolicy Orphan', async () => {
    const boot = bootstrap({ cluster: mgmt, interval: 60_000 });
    expect(boot.name).toBe('syncprims');
    expect(boot.nodes.map((n) => n.name)).toEqual(['syncprims-crds', 'syncprims-controller', 'syncprims-self']);
    const [crds, system, self] = boot.nodes as Sync[];
    expect(system!.dependsOn).toEqual([crds]);
    expect(self!.dependsOn).toEqual([system]);
    const applied = [...(await load(crds!)), ...(await load(system!))];
    expect(ids(applied).sort()).toEqual(ids(buildInstallManifests()).sort());
    const [resource] = await load(self!);
    expect(resource).toMatchObject({ apiVersion: 'syncprims.dev/v1alpha1', kind: 'Sync', metadata: { name: 'syncprims', namespace: 'syncprims-system' } });
    const decoded = SyncSpecCodec.decode(resource!['spec']);
    if (decoded._tag !== 'Right') throw new Error('the self-managing Sync spec does not decode');
    expect(decoded.right).toMatchObject({ interval: 60_000, prune: true, deletionPolicy: 'Orphan' });
    expect(decoded.right.source.inline).toEqual(applied);
  });

  it('leaves the Deployment out with controller: false, and the self step out with selfManage: false', async () => {
    const boot = bootstrap({ cluster: mgmt, controller: false, selfManage: false, name: 'sp', installOptions: { namespace: 'sp-system' } });
    expect(boot.nodes.map((n) => n.name)).toEqual(['sp-crds', 'sp-controller']);
    const system = await load(boot.nodes[1] as Sync);
    expect(ids(system)).not.toContain('Deployment/syncprims-controller');
    expect(ids(system)).toContain('Namespace/sp-system');
    expect(ids(system)).toContain('ClusterRoleBinding/syncprims-controller');
  });

  it('refuses invalid options', () => {
    expect(() => bootstrap({ cluster: mgmt, name: 'Not_A_Label' })).toThrow(OptionsError);
    expect(() => bootstrap({ cluster: {} as Cluster })).toThrow(/`cluster` must be a Cluster/);
    expect(() => bootstrap({ cluster: mgmt, timeout: -1 })).toThrow(/`timeout`/);
  });
});

describe('register', () => {
  const secretRef = { namespace: 'fleet', name: 'edge-1-kubeconfig' };
  it('is a dag register-<name>: a RemoteSync installing syncprims, then a ProxySync of the base configuration', async () => {
    const reg = register({ management: mgmt, name: 'edge-1', secretRef, base: Source.objects([]), controller: false });
    expect(reg.name).toBe('register-edge-1');
    expect(reg.nodes.map((n) => n.name)).toEqual(['edge-1-install', 'edge-1-base']);
    const [install, base] = reg.nodes;
    expect(install).toBeInstanceOf(RemoteSync);
    expect(base).toBeInstanceOf(ProxySync);
    expect(base!.dependsOn).toEqual([install]);
    expect((base as ProxySync).remoteRef).toEqual({ apiVersion: 'syncprims.dev/v1alpha1', kind: 'Sync', namespace: 'syncprims-system', name: 'base' });
    const installed = ids(await load(install as RemoteSync));
    expect(installed).toContain('CustomResourceDefinition/proxysyncs.syncprims.dev');
    expect(installed).not.toContain('Deployment/syncprims-controller');
    expect((install as RemoteSync).cluster.origin).toMatchObject({ kind: 'secret', secret: secretRef });
  });

  it('has only the install step without a base, and refuses invalid options', () => {
    expect(register({ management: mgmt, name: 'edge-2', secretRef }).nodes.map((n) => n.name)).toEqual(['edge-2-install']);
    expect(() => register({ management: mgmt, name: 'Edge 2', secretRef })).toThrow(OptionsError);
    expect(() => register({ management: mgmt, name: 'edge-2', secretRef: {} as never })).toThrow(/secretRef/);
  });
});

describe('rollout', () => {
  const source = Source.objects([]);
  it('builds one ProxySync per cluster named <name>-<cluster>, each maintaining the Sync <namespace>/<name>', () => {
    const r = rollout({
      name: 'web',
      management: mgmt,
      source,
      namespace: 'apps',
      clusters: [
        { name: 'edge-1', secretRef: { namespace: 'fleet', name: 'edge-1-kubeconfig' }, canary: true },
        { name: 'edge-2', cluster: Cluster.fromKubeconfig({ yaml: KUBECONFIG }) },
      ],
      strategy: { maxConcurrency: 3 },
    });
    expect(r.targets.map((t) => [t.name, t.syncer.name, t.canary ?? false])).toEqual([
      ['edge-1', 'web-edge-1', true],
      ['edge-2', 'web-edge-2', false],
    ]);
    expect(r.targets.map((t) => (t.syncer as ProxySync).remoteRef)).toEqual([
      { apiVersion: 'syncprims.dev/v1alpha1', kind: 'Sync', namespace: 'apps', name: 'web' },
      { apiVersion: 'syncprims.dev/v1alpha1', kind: 'Sync', namespace: 'apps', name: 'web' },
    ]);
    expect(r.strategy.maxConcurrency).toBe(3);
  });

  it("builds RemoteSyncs in mode 'remote'", () => {
    const r = rollout({ mode: 'remote', source, clusters: [{ name: 'a', cluster: mgmt }] });
    expect(r.name).toBe('rollout');
    expect(r.targets[0]?.syncer).toBeInstanceOf(RemoteSync);
    expect(r.targets[0]?.syncer.name).toBe('rollout-a');
  });

  it('refuses clusters it cannot reach and options that do not fit the mode', () => {
    const ref = { namespace: 'fleet', name: 'k' };
    expect(() => rollout({ source, clusters: [{ name: 'a', secretRef: ref }] })).toThrow(/needs `management`/);
    expect(() => rollout({ source, clusters: [{ name: 'a', cluster: mgmt, secretRef: ref } as never] })).toThrow(/exactly one of/);
    expect(() => rollout({ source, clusters: [] })).toThrow(/non-empty/);
    expect(() => rollout({ source, mode: 'remote', interval: 1000, clusters: [{ name: 'a', cluster: mgmt }] })).toThrow(/for mode 'proxy'/);
    expect(() => rollout({ source, healthRules: [], clusters: [{ name: 'a', cluster: mgmt }] })).toThrow(/needs mode 'remote'/);
    expect(() => rollout({ source, clusters: [{ name: 'a', cluster: mgmt }, { name: 'a', cluster: mgmt }] })).toThrow(OptionsError);
  });
});

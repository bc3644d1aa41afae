import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Cluster, RemoteSync, Source, dag, OWNER_LABEL, type KubeClient } from '../../src/index.js';
import { clusterFor, uniqueName } from './support/clusters.js';
import { fleetInfo, restoreFleet } from './fleet-context.js';

let mgmt: Cluster;
let mgmtClient: KubeClient;
let edgeClient: KubeClient;
const secretNs = uniqueName('fleet');

async function putKubeconfigSecret(client: KubeClient, name: string, kubeconfig: string, key = 'value'): Promise<void> {
  await client.apply(
    { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: secretNs }, type: 'Opaque', stringData: { [key]: kubeconfig } },
    { fieldManager: 'test', force: true },
  );
}

const cm = (name: string, ns = 'default') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { from: 'remote' } });

beforeAll(async () => {
  mgmt = clusterFor('mgmt');
  mgmtClient = await mgmt.connect();
  edgeClient = await clusterFor('edge-1').connect();
  await mgmtClient.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: secretNs } });
  for (const edge of ['edge-1', 'edge-2']) await putKubeconfigSecret(mgmtClient, `${edge}-kubeconfig`, fleetInfo().cluster(edge).kubeconfigYaml('admin'));
});

afterAll(restoreFleet);

describe('RemoteSync through a kubeconfig Secret', () => {
  it('applies to the remote cluster, keeps its inventory there, and prunes from a fresh instance', async () => {
    const edge = Cluster.fromSecret(mgmt, { namespace: secretNs, name: 'edge-1-kubeconfig' });
    const name = uniqueName('reg');
    const [a, b] = [uniqueName('a'), uniqueName('b')];
    const first = await new RemoteSync({ name, cluster: edge, source: Source.objects([cm(a), cm(b)]) }).sync();
    expect(first.state).toBe('ready');
    expect(first.changes.map((c) => c.action)).toEqual(['created', 'created']);
    const live = await edgeClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: a });
    expect(live?.metadata.annotations?.['syncprims.dev/owned-by']).toMatch(new RegExp(`^[0-9a-f-]{36}/RemoteSync/${secretNs}/${name}$`));
    expect(await mgmtClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: a })).toBeUndefined();

    const second = await new RemoteSync({ name, cluster: Cluster.fromSecret(mgmt, { namespace: secretNs, name: 'edge-1-kubeconfig' }), source: Source.objects([cm(a)]) }).sync();
    expect(second.changes).toEqual([
      { ref: expect.objectContaining({ name: a }), action: 'unchanged' },
      { ref: expect.objectContaining({ name: b }), action: 'pruned' },
    ]);
    expect(await edgeClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: b })).toBeUndefined();
  });

  it('never prunes objects of the same-named RemoteSync of another management cluster', async () => {
    // edge-2 plays a second management cluster holding credentials for edge-1.
    const otherMgmt = clusterFor('edge-2');
    const otherClient = await otherMgmt.connect();
    await otherClient.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: secretNs } }).catch(() => undefined);
    await putKubeconfigSecret(otherClient, 'edge-1-kubeconfig', fleetInfo().cluster('edge-1').kubeconfigYaml('admin'));
    const name = uniqueName('same');
    const [ours, theirs] = [uniqueName('ours'), uniqueName('theirs')];
    await new RemoteSync({ name, cluster: Cluster.fromSecret(mgmt, { namespace: secretNs, name: 'edge-1-kubeconfig' }), source: Source.objects([cm(ours)]) }).sync();
    await new RemoteSync({ name, cluster: Cluster.fromSecret(otherMgmt, { namespace: secretNs, name: 'edge-1-kubeconfig' }), source: Source.objects([cm(theirs)]) }).sync();
    const ourLabel = (await edgeClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: ours }))?.metadata.labels?.[OWNER_LABEL];
    const theirLabel = (await edgeClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: theirs }))?.metadata.labels?.[OWNER_LABEL];
    expect(ourLabel).toBeDefined();
    expect(ourLabel).not.toBe(theirLabel);
    const emptied = await new RemoteSync({ name, cluster: Cluster.fromSecret(mgmt, { namespace: secretNs, name: 'edge-1-kubeconfig' }), source: Source.objects([]) }).sync();
    expect(emptied.changes.map((c) => `${c.action} ${c.ref.name}`)).toEqual([`pruned ${ours}`]);
    expect(await edgeClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: theirs })).toBeDefined();
  });

  it('refuses a kubeconfig with an exec plugin unless allowed, without leaking the Secret', async () => {
    const token = fleetInfo().cluster('edge-1').token('admin');
    const withExec = fleetInfo()
      .cluster('edge-1')
      .kubeconfigYaml('admin')
      .replace(/token: .*/, `token: ${token}\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: /bin/false`);
    await putKubeconfigSecret(mgmtClient, 'exec-kubeconfig', withExec);
    const sync = new RemoteSync({ name: uniqueName('exec'), cluster: Cluster.fromSecret(mgmt, { namespace: secretNs, name: 'exec-kubeconfig' }), source: Source.objects([cm(uniqueName('x'))]) });
    const result = await sync.sync();
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('KUBECONFIG_NOT_ALLOWED');
    expect(result.error?.message).toContain('exec');
    expect(JSON.stringify(result)).not.toContain(token);
    expect(String(result.error?.stack)).not.toContain(token);
  });

  it('reports insecure-skip-tls-verify in a Secret\'s kubeconfig as a warning event, and still syncs', async () => {
    const insecure = fleetInfo()
      .cluster('edge-1')
      .kubeconfigYaml('admin')
      .replace(/certificate-authority-data: .*/, 'insecure-skip-tls-verify: true');
    expect(insecure).toContain('insecure-skip-tls-verify: true');
    await putKubeconfigSecret(mgmtClient, 'insecure-kubeconfig', insecure);
    const sync = new RemoteSync({ name: uniqueName('insecure'), cluster: Cluster.fromSecret(mgmt, { namespace: secretNs, name: 'insecure-kubeconfig' }), source: Source.objects([cm(uniqueName('i'))]) });
    const warnings: string[] = [];
    sync.on('warning', (w) => warnings.push(`${w.code}: ${w.message}`));
    const result = await sync.sync();
    expect(result.state).toBe('ready');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join('\n')).toMatch(/insecure-skip-tls-verify/);
    expect(warnings.join('\n')).not.toContain(fleetInfo().cluster('edge-1').token('admin'));
  });

  it('fails fast with UNREACHABLE for a stopped cluster while the other cluster of the dag succeeds, and recovers', async () => {
    const edge1 = new RemoteSync({ name: uniqueName('e1'), cluster: Cluster.fromSecret(mgmt, { namespace: secretNs, name: 'edge-1-kubeconfig' }), source: Source.objects([cm(uniqueName('ok'))]) });
    const edge2 = new RemoteSync({ name: uniqueName('e2'), cluster: Cluster.fromSecret(mgmt, { namespace: secretNs, name: 'edge-2-kubeconfig', }, { connectTimeoutMs: 2_000 }), source: Source.objects([cm(uniqueName('later'))]) });
    const after2 = new RemoteSync({ name: uniqueName('after'), dependsOn: [edge2], cluster: Cluster.fromSecret(mgmt, { namespace: secretNs, name: 'edge-1-kubeconfig' }), source: Source.objects([]) });
    const flow = dag(edge1, after2);
    const edge2Server = fleetInfo().cluster('edge-2');
    await edge2Server.stopApiServer();
    try {
      const started = Date.now();
      const result = await flow.sync();
      const byName = Object.fromEntries((result.children ?? []).map((c) => [c.name, c]));
      expect(byName[edge1.name]?.state).toBe('ready');
      expect(byName[edge2.name]?.state).toBe('failed');
      expect(byName[edge2.name]?.error?.code).toBe('UNREACHABLE');
      expect(byName[edge2.name]?.error?.retryable).toBe(true);
      expect(byName[edge2.name]?.message).toMatch(/unreachable/);
      expect(byName[edge2.name]?.message).toContain(new URL(edge2Server.server).port);
      expect(byName[after2.name]?.state).toBe('blocked');
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      await edge2Server.startApiServer();
    }
    const again = await flow.sync();
    expect(again.state).toBe('ready');
  });

  it('applies as a ServiceAccount and is refused with 403 outside what RBAC grants', async () => {
    const allowed = uniqueName('allowed');
    const other = uniqueName('other');
    const sa = { namespace: allowed, name: 'deployer' };
    const rbac = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: allowed } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: other } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: sa },
      ...[allowed, 'syncprims-system'].flatMap((ns) => [
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `deployer-${allowed}`, namespace: ns }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }] },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: `deployer-${allowed}`, namespace: ns },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `deployer-${allowed}` },
          subjects: [{ kind: 'ServiceAccount', ...sa }],
        },
      ]),
    ];
    await edgeClient.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'syncprims-system' } }, { fieldManager: 'test' });
    for (const obj of rbac) await edgeClient.apply(obj as never, { fieldManager: 'test' });
    const edge = Cluster.fromSecret(mgmt, { namespace: secretNs, name: 'edge-1-kubeconfig' });
    const ok = await new RemoteSync({ name: uniqueName('sa'), cluster: edge, serviceAccount: sa, source: Source.objects([cm('inside', allowed)]) }).sync();
    expect(ok.message).toContain('ready');
    expect(ok.state).toBe('ready');
    const refused = await new RemoteSync({ name: uniqueName('sa'), cluster: edge, serviceAccount: sa, source: Source.objects([cm('outside', other)]) }).sync();
    expect(refused.state).toBe('failed');
    expect(refused.error?.code).toBe('FORBIDDEN');
    expect(refused.error?.message).toContain(`system:serviceaccount:${allowed}:deployer`);
    expect(refused.error?.message).toContain('configmaps');
    expect(await edgeClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: other, name: 'outside' })).toBeUndefined();
  });
});

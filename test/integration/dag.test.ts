import { describe, it, expect, beforeAll } from 'vitest';
import { Sync, Source, dag, type Cluster, type KubeClient, type WatchEvent } from '../../src/index.js';
import { clusterFor, uniqueName } from './support/clusters.js';
import { widgetCrd } from './support/widget-crd.js';

let mgmt: Cluster;
let edge: Cluster;
let mgmtClient: KubeClient;

beforeAll(async () => {
  mgmt = clusterFor('mgmt');
  edge = clusterFor('edge-1');
  mgmtClient = await mgmt.connect();
});


describe('dag on the local fleet', () => {
  it('plans, applies in dependency order across two clusters, and tears down in reverse', async () => {
    const group = `${uniqueName('d').replace('-', '')}.example.com`;
    const ns = uniqueName('dag');
    const crds = new Sync({ name: uniqueName('crds'), cluster: mgmt, source: Source.objects([widgetCrd(group)]) });
    const widgets = new Sync({
      name: uniqueName('widgets'),
      cluster: mgmt,
      dependsOn: [crds],
      source: Source.objects([
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w', namespace: ns }, spec: { size: 1 } },
      ]),
    });
    const downstream = new Sync({
      name: uniqueName('edge'),
      cluster: edge,
      dependsOn: [crds, widgets],
      source: Source.objects([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-dag', namespace: 'default' }, data: { ns } }]),
    });
    const all = dag(downstream, { name: 'flow' });

    // Dry run: the Widget is planned against the CRD its dependency would create.
    const plan = await all.sync({ dryRun: true });
    expect(plan.state).toBe('planned');
    expect(plan.children?.map((c) => c.name)).toEqual([crds.name, widgets.name, downstream.name]);
    const widgetPlan = plan.children?.[1]?.changes.find((c) => c.ref.kind === 'Widget');
    expect(widgetPlan?.action).toBe('created');
    expect(await mgmtClient.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `widgets.${group}` })).toBeUndefined();

    const order: string[] = [];
    all.on('ready', (r) => order.push(r.name));
    const result = await all.sync();
    expect(result.state).toBe('ready');
    expect(order.slice(0, 3)).toEqual([crds.name, widgets.name, downstream.name]);
    const edgeClient = await edge.connect();
    expect(await edgeClient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'from-dag' })).toBeDefined();

    // Teardown: watch deletions on mgmt; the Widget goes before its CRD.
    const deletions: string[] = [];
    const stop = new AbortController();
    const record = (e: WatchEvent): void => {
      if (e.type === 'DELETED') deletions.push(`${e.object.kind ?? ''}/${e.object.metadata.name}`);
    };
    const watches = [
      mgmtClient.watch(`${group}/v1`, 'Widget', { signal: stop.signal }, (e) => record({ ...e, object: { ...e.object, kind: 'Widget' } })).catch(() => undefined),
      mgmtClient.watch('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { fieldSelector: `metadata.name=widgets.${group}`, signal: stop.signal }, (e) => record({ ...e, object: { ...e.object, kind: 'CustomResourceDefinition' } })).catch(() => undefined),
    ];
    await new Promise((r) => setTimeout(r, 200));
    const torn = await all.delete();
    expect(torn.state).toBe('ready');
    expect(torn.children?.map((c) => c.name)).toEqual([downstream.name, widgets.name, crds.name]);
    for (let i = 0; i < 50 && deletions.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    stop.abort();
    await Promise.all(watches);
    expect(deletions).toEqual(['Widget/w', `CustomResourceDefinition/widgets.${group}`]);
  });

  it('blocks the dependents of a failed node with the chain, while independent branches finish', async () => {
    const ns = 'default';
    const broken = new Sync({ name: uniqueName('broken'), cluster: mgmt, source: Source.objects([{ apiVersion: 'v1', kind: 'Service', metadata: { name: uniqueName('svc'), namespace: ns }, spec: { ports: [{ port: 70000 }] } }]) });
    const dependent = new Sync({ name: uniqueName('dependent'), cluster: mgmt, dependsOn: [broken], source: Source.objects([]) });
    const independent = new Sync({ name: uniqueName('independent'), cluster: edge, source: Source.objects([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: uniqueName('cm'), namespace: ns } }]) });
    const result = await dag(dependent, independent).sync();
    expect(result.state).toBe('failed');
    const byName = Object.fromEntries((result.children ?? []).map((c) => [c.name, c]));
    expect(byName[broken.name]?.state).toBe('failed');
    expect(byName[dependent.name]?.state).toBe('blocked');
    expect(byName[dependent.name]?.message).toContain(`blocked by ${broken.name}`);
    expect(byName[independent.name]?.state).toBe('ready');
  });
});

import { describe, expect, it } from 'vitest';
import { RestMapper } from '../../../src/cluster/rest-mapper.js';
import { isSyncError } from '../../../src/core/sync-error.js';

interface Served {
  [groupVersion: string]: { name: string; kind: string; namespaced: boolean }[];
}

/** A discovery fetcher over an in-memory table that records each request. */
function fetcherOver(served: Served, calls: string[], gate?: Promise<void>) {
  return async (group: string, version: string, signal?: AbortSignal): Promise<unknown> => {
    const gv = group ? `${group}/${version}` : version;
    calls.push(gv);
    if (gate) await gate;
    signal?.throwIfAborted();
    const resources = served[gv];
    return resources ? { kind: 'APIResourceList', groupVersion: gv, resources: [...resources] } : undefined;
  };
}

describe('RestMapper', () => {
  it('discovers lazily, once per group-version', async () => {
    const calls: string[] = [];
    const mapper = new RestMapper(fetcherOver({ v1: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true }, { name: 'namespaces', kind: 'Namespace', namespaced: false }] }, calls));
    expect(calls).toEqual([]);
    expect((await mapper.mapping('v1', 'ConfigMap')).resource).toBe('configmaps');
    expect((await mapper.mapping('v1', 'Namespace')).namespaced).toBe(false);
    expect(calls).toEqual(['v1']);
  });

  it('refreshes a group-version once on a miss, so a new CRD is found', async () => {
    const calls: string[] = [];
    const served: Served = { 'example.com/v1': [{ name: 'widgets', kind: 'Widget', namespaced: true }] };
    const mapper = new RestMapper(fetcherOver(served, calls));
    await mapper.mapping('example.com/v1', 'Widget');
    served['example.com/v1']!.push({ name: 'gadgets', kind: 'Gadget', namespaced: false });
    expect((await mapper.mapping('example.com/v1', 'Gadget')).resource).toBe('gadgets');
    expect(calls).toEqual(['example.com/v1', 'example.com/v1']);
  });

  it('fails with UNKNOWN_KIND naming apiVersion and kind after one refresh', async () => {
    const calls: string[] = [];
    const mapper = new RestMapper(fetcherOver({ v1: [] }, calls));
    const ref = { apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'default', name: 'w' };
    const err = await mapper.mapping('example.com/v1', 'Widget', undefined, ref).catch((e: unknown) => e);
    expect(isSyncError(err) && err.code).toBe('UNKNOWN_KIND');
    expect((err as Error).message).toContain('example.com/v1/Widget');
    expect((err as Error).message).toContain('does not serve example.com/v1');
    expect(isSyncError(err) && err.ref).toEqual(ref);
    expect(calls).toEqual(['example.com/v1', 'example.com/v1']);
    const missingKind = await mapper.mapping('v1', 'Gizmo').catch((e: unknown) => e);
    expect((missingKind as Error).message).toContain('v1 has no kind Gizmo');
  });

  it('shares one request between concurrent lookups', async () => {
    const calls: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const mapper = new RestMapper(fetcherOver({ 'apps/v1': [{ name: 'deployments', kind: 'Deployment', namespaced: true }] }, calls, gate));
    const all = Promise.all([mapper.mapping('apps/v1', 'Deployment'), mapper.mapping('apps/v1', 'Deployment'), mapper.mapping('apps/v1', 'Deployment')]);
    open();
    expect((await all).map((m) => m.resource)).toEqual(['deployments', 'deployments', 'deployments']);
    expect(calls).toEqual(['apps/v1']);
  });

  it('lets one caller abort without failing the others; aborts the request when all have', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const seen: (AbortSignal | undefined)[] = [];
    const mapper = new RestMapper(async (_g, _v, signal) => {
      seen.push(signal);
      await gate;
      return { groupVersion: 'v1', resources: [{ name: 'pods', kind: 'Pod', namespaced: true }] };
    });
    const a = new AbortController();
    const first = mapper.mapping('v1', 'Pod', a.signal);
    const second = mapper.mapping('v1', 'Pod', new AbortController().signal);
    a.abort(new Error('caller gave up'));
    await expect(first).rejects.toThrow('caller gave up');
    expect(seen[0]?.aborted).toBe(false);
    open();
    expect((await second).resource).toBe('pods');

    const lone = new AbortController();
    const other = new RestMapper(async (_g, _v, signal) => {
      seen.push(signal);
      return new Promise(() => {});
    });
    const p = other.mapping('v1', 'Pod', lone.signal);
    lone.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(seen[1]?.aborted).toBe(true);
  });

  it('asks the fallback after the refresh missed, and remembers its answer', async () => {
    const calls: string[] = [];
    const asked: string[] = [];
    const mapper = new RestMapper(fetcherOver({ 'example.com/v1': [] }, calls), async (group, version, kind) => {
      asked.push(kind);
      return kind === 'Widget' ? { group, version, kind, resource: 'widgets', namespaced: true } : undefined;
    });
    expect((await mapper.mapping('example.com/v1', 'Widget')).resource).toBe('widgets');
    expect((await mapper.mapping('example.com/v1', 'Widget')).resource).toBe('widgets');
    expect(asked).toEqual(['Widget']);
    expect(calls).toEqual(['example.com/v1', 'example.com/v1']);
    await expect(mapper.mapping('example.com/v1', 'Gizmo')).rejects.toThrow(/unknown kind example.com\/v1\/Gizmo/);
    expect(asked).toEqual(['Widget', 'Gizmo']);
  });

  it('forgets everything on invalidate()', async () => {
    const calls: string[] = [];
    const mapper = new RestMapper(fetcherOver({ v1: [{ name: 'pods', kind: 'Pod', namespaced: true }] }, calls));
    await mapper.mapping('v1', 'Pod');
    mapper.invalidate();
    await mapper.mapping('v1', 'Pod');
    expect(calls).toEqual(['v1', 'v1']);
  });
});

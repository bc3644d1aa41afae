import { describe, it, expect } from 'vitest';
import { diffPaths } from '../../../src/apply/diff-paths.js';
import { sortForPrune } from '../../../src/apply/prune-order.js';
import { planStages, isPrerequisite } from '../../../src/apply/plan-stages.js';
import { withOwnership, isOwnedBy, ownerLabelValue, formatOwner, isPruneDisabled, OWNER_LABEL } from '../../../src/apply/owner-identity.js';
import { decodeInventory } from '../../../src/apply/inventory.js';
import { defaultInventoryLocation } from '../../../src/apply/inventory-store.js';
import { fieldsDigest } from '../../../src/apply/fields-digest.js';
import { runPool } from '../../../src/apply/run-pool.js';
import { onAbort } from '../../../src/core/on-abort.js';
import type { ObjectRef, KubeObject } from '../../../src/index.js';

const ref = (kind: string, name: string, namespace?: string, apiVersion = 'v1'): ObjectRef => ({ apiVersion, kind, name, ...(namespace ? { namespace } : {}) });

describe('diffPaths', () => {
  it('lists changed leaf paths and ignores server-maintained metadata and status', () => {
    const before = { metadata: { name: 'a', resourceVersion: '1', managedFields: [{}] }, data: { k: '1', same: 'x' }, status: { phase: 'A' } };
    const after = { metadata: { name: 'a', resourceVersion: '2', managedFields: [] }, data: { k: '2', same: 'x', added: 'y' }, status: { phase: 'B' } };
    expect(diffPaths(before, after)).toEqual(['data.added', 'data.k']);
  });
  it('indexes arrays of equal length and reports a length change at the array', () => {
    const c = (image: string) => ({ spec: { containers: [{ name: 'c', image }] } });
    expect(diffPaths(c('a:1'), c('a:2'))).toEqual(['spec.containers[0].image']);
    expect(diffPaths({ spec: { ports: [1] } }, { spec: { ports: [1, 2] } })).toEqual(['spec.ports']);
    expect(diffPaths({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe('teardown order and stages', () => {
  it('prunes namespaced objects, then cluster-scoped ones, CRDs, and Namespaces last', () => {
    const refs = [
      ref('Namespace', 'ns'),
      ref('CustomResourceDefinition', 'w.example.com', undefined, 'apiextensions.k8s.io/v1'),
      ref('ClusterRole', 'r', undefined, 'rbac.authorization.k8s.io/v1'),
      ref('ConfigMap', 'cm', 'ns'),
    ];
    expect(sortForPrune(refs).map((r) => r.kind)).toEqual(['ConfigMap', 'ClusterRole', 'CustomResourceDefinition', 'Namespace']);
  });
  it('applies CRDs, Namespaces and ClusterRoles in the first stage, keeping input order', () => {
    const objs = [ref('ConfigMap', 'a', 'ns'), ref('Namespace', 'ns'), ref('ClusterRole', 'r', undefined, 'rbac.authorization.k8s.io/v1'), ref('Secret', 's', 'ns')].map((r) => ({ ref: r }));
    const { first, second } = planStages(objs);
    expect(first.map((o) => o.ref.kind)).toEqual(['Namespace', 'ClusterRole']);
    expect(second.map((o) => o.ref.kind)).toEqual(['ConfigMap', 'Secret']);
    expect(isPrerequisite(ref('Namespace', 'x', undefined, 'example.com/v1'))).toBe(false);
  });
});

describe('ownership', () => {
  const owner = { kind: 'RemoteSync', name: 'install', namespace: 'fleet', scope: 'uid-1' };
  it('labels with a short hash and annotates with the readable identity', () => {
    const obj: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { app: 'x' } } };
    const owned = withOwnership(obj, owner);
    expect(owned.metadata.labels).toEqual({ app: 'x', [OWNER_LABEL]: ownerLabelValue(owner), 'app.kubernetes.io/managed-by': 'syncprims' });
    expect(owned.metadata.annotations?.['syncprims.dev/owned-by']).toBe('uid-1/RemoteSync/fleet/install');
    expect(ownerLabelValue(owner)).toMatch(/^o-[0-9a-f]{20}$/);
    expect(isOwnedBy(owned, owner)).toBe(true);
    expect(isOwnedBy(owned, { ...owner, scope: 'uid-2' })).toBe(false);
    expect(obj.metadata.annotations).toBeUndefined();
  });
  it('renders identities without a scope or namespace', () => {
    expect(formatOwner({ kind: 'Sync', name: 'app' })).toBe('Sync//app');
    expect(isPruneDisabled({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', annotations: { 'syncprims.dev/prune': 'disabled' } } })).toBe(true);
  });
  it('names inventories per owner, keeping two owners with the same name apart', () => {
    const a = defaultInventoryLocation({ kind: 'Sync', name: 'app' });
    const b = defaultInventoryLocation({ kind: 'Sync', name: 'app', namespace: 'team-b' });
    expect(a.namespace).toBe('syncprims-system');
    expect(a.name).toMatch(/^sync-app-[0-9a-f]{8}$/);
    expect(a.name).not.toBe(b.name);
  });
});

describe('inventory and drift digests', () => {
  it('decodes stored inventories and refuses malformed ones', () => {
    expect(decodeInventory({ revision: 'r', entries: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'a', namespace: 'n', digest: 'd' }] })).toEqual({
      revision: 'r',
      entries: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'a', namespace: 'n', digest: 'd' }],
    });
    expect(decodeInventory({ revision: 'r', entries: [{ kind: 'ConfigMap' }] })).toBeUndefined();
    expect(decodeInventory('nope')).toBeUndefined();
  });
  it('digests only the Apply entry of the given manager', () => {
    const live = (fields: Record<string, unknown>, manager = 'syncprims', operation = 'Apply'): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', managedFields: [{ manager, operation, fieldsType: 'FieldsV1', fieldsV1: fields }, { manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:x': {} } }] },
    });
    const d1 = fieldsDigest(live({ 'f:data': { 'f:a': {}, 'f:b': {} } }), 'syncprims');
    expect(d1).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fieldsDigest(live({ 'f:data': { 'f:a': {}, 'f:b': {} } }), 'syncprims')).toBe(d1);
    expect(fieldsDigest(live({ 'f:data': { 'f:a': {} } }), 'syncprims')).not.toBe(d1);
    expect(fieldsDigest(live({ 'f:data': {} }, 'syncprims', 'Update'), 'syncprims')).toBeUndefined();
    expect(fieldsDigest(live({ 'f:data': {} }), 'other')).toBeUndefined();
  });
  it('changes when the same manager applied again (new time), even with the same field set', () => {
    const at = (time: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', managedFields: [{ manager: 'syncprims', operation: 'Apply', time, fieldsV1: { 'f:data': { 'f:a': {} } } }] },
    });
    expect(fieldsDigest(at('2026-01-01T00:00:00Z'), 'syncprims')).not.toBe(fieldsDigest(at('2026-01-01T00:00:01Z'), 'syncprims'));
  });
});

describe('runPool', () => {
  it('keeps input order, bounds concurrency, and stops starting work after a failure', async () => {
    let inFlight = 0;
    let max = 0;
    const out = await runPool([5, 1, 3, 2, 4], 2, async (n) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20, 40]);
    expect(max).toBe(2);
    const started: number[] = [];
    await expect(
      runPool([1, 2, 3, 4], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
  it('rejects with the abort reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(runPool([1], 4, async (n) => n, controller.signal)).rejects.toThrow('stop');
  });
});

describe('onAbort', () => {
  it('shares one listener per signal, calls every live subscriber once, and honours unsubscribe', async () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const offs = Array.from({ length: 100 }, (_, i) => onAbort(controller.signal, () => calls.push(i)));
    offs[3]!();
    controller.abort();
    expect(calls).toHaveLength(99);
    expect(calls).not.toContain(3);
    const late: string[] = [];
    onAbort(controller.signal, () => late.push('late'));
    await Promise.resolve();
    expect(late).toEqual(['late']);
  });
});

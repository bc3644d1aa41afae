import { describe, it, expect } from 'vitest';
import { checkDependencies, describeNotReady } from '../../../src/controller/check-dependencies.js';
import type { KubeObject } from '../../../src/core/object-ref.js';

const T = '2025-01-01T00:00:00Z';
function cr(kind: string, name: string, generation: number, status?: Record<string, unknown>): KubeObject {
  return { apiVersion: 'syncprims.dev/v1alpha1', kind, metadata: { name, namespace: 'apps', generation }, ...(status ? { status } : {}) };
}
const ready = (g: number, observed = g) => ({
  observedGeneration: observed,
  conditions: [{ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'ok', lastTransitionTime: T, observedGeneration: observed }],
});

describe('checkDependencies', () => {
  const objects = new Map<string, KubeObject>([
    ['Sync/crds', cr('Sync', 'crds', 2, ready(2))],
    ['RemoteSync/edge', cr('RemoteSync', 'edge', 3, ready(2))],
    ['ProxySync/px', cr('ProxySync', 'px', 1, { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'False', reason: 'ReconciliationFailed', message: 'remote unreachable', lastTransitionTime: T }] })],
  ]);
  const lookup = (kind: string, namespace: string, name: string) => (namespace === 'apps' ? objects.get(`${kind}/${name}`) : undefined);

  it('is ready when every dependency is Ready at its current generation', () => {
    expect(checkDependencies('apps', [{ kind: 'Sync', name: 'crds' }], lookup)).toEqual({ ready: true });
    expect(checkDependencies('apps', [], lookup)).toEqual({ ready: true });
  });

  it('names the first dependency not ready and why, and counts the others', () => {
    const check = checkDependencies(
      'apps',
      [
        { kind: 'Sync', name: 'crds' },
        { kind: 'RemoteSync', name: 'edge' },
        { kind: 'ProxySync', name: 'px' },
        { kind: 'Sync', name: 'missing' },
      ],
      lookup,
    );
    expect(check).toEqual({
      ready: false,
      waitingFor: 'RemoteSync/edge',
      message: 'waiting for RemoteSync/edge: generation 3 not reconciled yet (observed 2) (and 2 more: ProxySync/px, Sync/missing)',
    });
  });

  it('explains each way of not being ready', () => {
    expect(describeNotReady('Sync', undefined)).toBe('not found');
    expect(describeNotReady('ProxySync', objects.get('ProxySync/px'))).toBe('ReconciliationFailed: remote unreachable');
    expect(describeNotReady('Sync', cr('Sync', 'new', 1))).toBe('generation 1 not reconciled yet (observed 0)');
    expect(describeNotReady('Sync', cr('Sync', 'noready', 1, { observedGeneration: 1 }))).toBe('no Ready condition yet');
    const deleting = cr('Sync', 'crds', 2, ready(2));
    deleting.metadata.deletionTimestamp = T;
    expect(describeNotReady('Sync', deleting)).toBe('being deleted');
    expect(describeNotReady('Sync', cr('Sync', 'weird', 1, { observedGeneration: 'one' }))).toMatch(/^unreadable status \(status\.observedGeneration/);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateHealth } from '../../../src/health/index.js';
import type { KubeObject } from '../../../src/core/index.js';

/** A Flux-style custom resource, as its controller reports it (kstatus conditions). */
function kustomization(status: Record<string, unknown> | undefined, generation = 3): KubeObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'apps', namespace: 'flux-system', generation, uid: '5e0f3c1a-2b7d-4c61-9d0e-3f1b2a9c8d71', resourceVersion: '48213' },
    spec: { interval: '10m', path: './apps', prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
    ...(status ? { status } : {}),
  };
}

const readyTrue = {
  type: 'Ready',
  status: 'True',
  reason: 'ReconciliationSucceeded',
  message: 'Applied revision: main@sha1:0a1b2c3d',
  lastTransitionTime: '2025-05-02T10:00:00Z',
  observedGeneration: 3,
};

describe('evaluateHealth: generic rules', () => {
  it('reports Terminating for any object with a deletionTimestamp', () => {
    const obj = kustomization({ observedGeneration: 3, conditions: [readyTrue] });
    obj.metadata.deletionTimestamp = '2025-05-02T10:05:00Z';
    obj.metadata.finalizers = ['finalizers.fluxcd.io'];
    expect(evaluateHealth(obj)).toEqual({ status: 'Terminating', message: 'Resource scheduled for deletion' });
  });

  it('is InProgress while observedGeneration lags metadata.generation', () => {
    const health = evaluateHealth(kustomization({ observedGeneration: 2, conditions: [readyTrue] }));
    expect(health.status).toBe('InProgress');
    expect(health.message).toBe('Kustomization generation is 3, but latest observed generation is 2');
  });

  it('is Failed on Stalled=True, with the reason and message', () => {
    const health = evaluateHealth(
      kustomization({
        observedGeneration: 3,
        conditions: [
          { type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'kustomize build failed' },
          { type: 'Stalled', status: 'True', reason: 'BuildFailed', message: 'kustomize build failed' },
        ],
      }),
    );
    expect(health).toEqual({ status: 'Failed', message: 'BuildFailed: kustomize build failed' });
  });

  it('is InProgress on Reconciling=True', () => {
    const health = evaluateHealth(
      kustomization({
        observedGeneration: 3,
        conditions: [
          { type: 'Reconciling', status: 'True', reason: 'Progressing', message: 'Reconciliation in progress' },
          { type: 'Ready', status: 'Unknown', reason: 'Progressing', message: 'Reconciliation in progress' },
        ],
      }),
    );
    expect(health).toEqual({ status: 'InProgress', message: 'Reconciliation in progress' });
  });

  it('lets Stalled win over Reconciling whatever their order', () => {
    const health = evaluateHealth(
      kustomization({
        observedGeneration: 3,
        conditions: [
          { type: 'Reconciling', status: 'True', reason: 'Progressing', message: 'retrying' },
          { type: 'Stalled', status: 'True', reason: 'InvalidPath', message: 'path ./apps not found' },
        ],
      }),
    );
    expect(health.status).toBe('Failed');
  });

  it('ignores Stalled and Reconciling when they are False', () => {
    const health = evaluateHealth(
      kustomization({
        observedGeneration: 3,
        conditions: [
          { type: 'Stalled', status: 'False', reason: 'Fine' },
          { type: 'Reconciling', status: 'False', reason: 'Fine' },
          readyTrue,
        ],
      }),
    );
    expect(health).toEqual({ status: 'Current', message: 'Applied revision: main@sha1:0a1b2c3d' });
  });

  it('is Current on Ready=True for kinds without a built-in rule', () => {
    expect(evaluateHealth(kustomization({ observedGeneration: 3, conditions: [readyTrue] })).status).toBe('Current');
  });

  it('is InProgress (not Failed) on Ready=False, naming the reason', () => {
    const health = evaluateHealth(
      kustomization({
        observedGeneration: 3,
        conditions: [{ type: 'Ready', status: 'False', reason: 'HealthCheckFailed', message: 'timeout waiting for: [Deployment/apps/web]' }],
      }),
    );
    expect(health).toEqual({ status: 'InProgress', message: 'not Ready: HealthCheckFailed: timeout waiting for: [Deployment/apps/web]' });
  });

  it('is InProgress on Ready=Unknown', () => {
    const health = evaluateHealth(kustomization({ observedGeneration: 3, conditions: [{ type: 'Ready', status: 'Unknown', reason: 'Progressing' }] }));
    expect(health).toEqual({ status: 'InProgress', message: 'not Ready: Progressing' });
  });

  it('is InProgress when the Ready condition was computed for an older generation', () => {
    const health = evaluateHealth(kustomization({ conditions: [{ ...readyTrue, observedGeneration: 2 }] }));
    expect(health).toEqual({ status: 'InProgress', message: 'Ready condition is for generation 2, object is at 3' });
  });

  it('reads a Stalled condition of an older generation as InProgress, not Failed', () => {
    const health = evaluateHealth(
      kustomization({ conditions: [{ type: 'Stalled', status: 'True', reason: 'BuildFailed', observedGeneration: 2 }] }),
    );
    expect(health.status).toBe('InProgress');
  });

  it('is Current for kinds without rules and without status (ConfigMap, Secret)', () => {
    const configMap: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'web', resourceVersion: '912' },
      data: { LOG_LEVEL: 'info' },
    };
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'token', namespace: 'web' },
      type: 'Opaque',
      data: { token: 'c2VjcmV0' },
    };
    expect(evaluateHealth(configMap)).toEqual({ status: 'Current', message: 'Resource is current' });
    expect(evaluateHealth(secret).status).toBe('Current');
    expect(evaluateHealth(secret).message).not.toContain('c2VjcmV0');
  });

  it('does not throw on a malformed status: wrong types read as absent', () => {
    const broken = kustomization({ observedGeneration: 'three', conditions: 'Ready' });
    expect(evaluateHealth(broken)).toEqual({ status: 'Current', message: 'Resource is current' });
    const weirdConditions = kustomization({ observedGeneration: 3, conditions: [null, 42, { type: 'Ready' }, { status: 'True' }] });
    expect(evaluateHealth(weirdConditions).status).toBe('Current');
    // A usable condition with a malformed optional field is kept; the bad field is dropped.
    const badReason = kustomization({ observedGeneration: 3, conditions: [{ type: 'Stalled', status: 'True', reason: 7 }] });
    expect(evaluateHealth(badReason)).toEqual({ status: 'Failed', message: 'Stalled=True' });
  });
});

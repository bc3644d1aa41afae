import { describe, expect, it } from 'vitest';
import { evaluateHealth } from '../../../src/health/index.js';
import type { KubeObject } from '../../../src/core/index.js';

const sync = (generation: number, status?: unknown): KubeObject => ({
  apiVersion: 'syncprims.dev/v1alpha1',
  kind: 'Sync',
  metadata: { name: 'syncprims', namespace: 'syncprims-system', generation },
  ...(status === undefined ? {} : { status }),
});
const condition = (type: string, status: string, reason = 'R', message = 'm') => ({ type, status, reason, message, lastTransitionTime: '2026-01-01T00:00:00Z' });

describe('built-in readiness of syncprims custom resources', () => {
  it('applies to the three syncprims kinds only', () => {
    for (const kind of ['Sync', 'RemoteSync', 'ProxySync']) expect(evaluateHealth({ ...sync(1), kind }).status).toBe('InProgress');
    expect(evaluateHealth({ ...sync(1), apiVersion: 'example.com/v1' }).status).toBe('Current');
  });

  it('is in progress until the controller observed the current generation, unlike the generic rule', () => {
    expect(evaluateHealth(sync(1)).status).toBe('InProgress');
    expect(evaluateHealth(sync(2, { observedGeneration: 1, conditions: [condition('Ready', 'True')] })).status).toBe('InProgress');
  });

  it('is current when Ready=True at the generation, failed when Stalled=True there', () => {
    expect(evaluateHealth(sync(2, { observedGeneration: 2, conditions: [condition('Ready', 'True')] })).status).toBe('Current');
    const stalled = evaluateHealth(sync(2, { observedGeneration: 2, conditions: [condition('Ready', 'False'), condition('Stalled', 'True', 'InvalidSpec', 'bad')] }));
    expect(stalled.status).toBe('Failed');
    expect(stalled.message).toContain('bad');
    expect(evaluateHealth(sync(2, { observedGeneration: 2, conditions: [condition('Ready', 'False', 'ApplyFailed', 'x')] })).status).toBe('InProgress');
  });

  it('does not trust a malformed status', () => {
    expect(evaluateHealth(sync(1, { observedGeneration: 'one' })).status).toBe('InProgress');
  });
});

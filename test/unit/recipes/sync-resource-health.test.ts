import { describe, expect, it } from 'vitest';
import { syncResourceHealth } from '../../../src/recipes/sync-resource-health.js';
import type { KubeObject } from '../../../src/core/index.js';

const sync = (generation: number, status?: unknown): KubeObject => ({
  apiVersion: 'syncprims.dev/v1alpha1',
  kind: 'Sync',
  metadata: { name: 'syncprims', namespace: 'syncprims-system', generation },
  ...(status === undefined ? {} : { status }),
});
const condition = (type: string, status: string, reason = 'R', message = 'm') => ({ type, status, reason, message, lastTransitionTime: '2026-01-01T00:00:00Z' });

describe('syncResourceHealth', () => {
  it('matches Sync resources of syncprims.dev only', () => {
    expect(syncResourceHealth).toMatchObject({ group: 'syncprims.dev', kind: 'Sync' });
  });

  it('is in progress until the controller observed the current generation, unlike the generic rule', () => {
    expect(syncResourceHealth.evaluate(sync(1))?.status).toBe('InProgress');
    expect(syncResourceHealth.evaluate(sync(2, { observedGeneration: 1, conditions: [condition('Ready', 'True')] }))?.status).toBe('InProgress');
  });

  it('is current when Ready=True at the generation, failed when Stalled=True there', () => {
    expect(syncResourceHealth.evaluate(sync(2, { observedGeneration: 2, conditions: [condition('Ready', 'True')] }))?.status).toBe('Current');
    const stalled = syncResourceHealth.evaluate(sync(2, { observedGeneration: 2, conditions: [condition('Ready', 'False'), condition('Stalled', 'True', 'InvalidSpec', 'bad')] }));
    expect(stalled).toEqual({ status: 'Failed', message: 'Stalled: bad' });
    expect(syncResourceHealth.evaluate(sync(2, { observedGeneration: 2, conditions: [condition('Ready', 'False', 'ApplyFailed', 'x')] }))?.status).toBe('InProgress');
  });

  it('does not trust a malformed status', () => {
    expect(syncResourceHealth.evaluate(sync(1, { observedGeneration: 'one' }))?.status).toBe('InProgress');
  });
});

import { describe, it, expect } from 'vitest';
import { EMPTY_STATUS, nextStatus, reasonOfCode, shortRevision } from '../../../src/controller/next-status.js';
import type { SyncResult } from '../../../src/core/sync-result.js';
import { SyncError } from '../../../src/core/sync-error.js';
import { isReadyAtGeneration, type SyncStatus } from '../../../src/api/status.js';

const now = new Date('2025-01-01T00:00:00Z');
const later = new Date('2025-01-01T00:05:00Z');
const REV = 'sha256:' + 'ab'.repeat(32);
const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name });

function result(overrides: Partial<SyncResult>): SyncResult {
  return { name: 'web', ready: true, state: 'ready', changes: [], revision: REV, message: 'applied and ready: 2 created', durationMs: 5, ...overrides };
}

const types = (s: SyncStatus) => Object.fromEntries(s.conditions.map((c) => [c.type, `${c.status}/${c.reason}`]));

describe('nextStatus', () => {
  it('a ready pass: Ready=True only, inventory, revisions, a message that does not depend on the change counts', () => {
    const progressing = nextStatus(EMPTY_STATUS, { type: 'progressing', message: 'reconciling generation 1' }, { generation: 1, now });
    expect(types(progressing)).toEqual({ Reconciling: 'True/Progressing', Ready: 'Unknown/Progressing' });
    expect(progressing.observedGeneration).toBe(0);

    const changes = [
      { ref: cmRef('a'), action: 'created' as const },
      { ref: cmRef('b'), action: 'unchanged' as const },
      { ref: cmRef('gone'), action: 'pruned' as const },
      { ref: cmRef('kept'), action: 'skipped' as const },
    ];
    const ready = nextStatus(progressing, { type: 'result', result: result({ changes }) }, { generation: 1, now: later, requestedAt: 'r1' });
    expect(types(ready)).toEqual({ Ready: 'True/ReconciliationSucceeded' });
    expect(ready.inventory.entries).toEqual([{ id: '_ConfigMap_apps_a', v: 'v1' }, { id: '_ConfigMap_apps_b', v: 'v1' }]);
    expect(ready).toMatchObject({ observedGeneration: 1, lastAppliedRevision: REV, lastAttemptedRevision: REV, lastHandledRequestedAt: 'r1' });
    expect(ready.message).toBe('applied revision sha256:abababababab: 2 objects');
    expect(isReadyAtGeneration(ready, 1)).toBe(true);

    // The same outcome with other counts gives the same status: no write needed.
    const again = nextStatus(ready, { type: 'result', result: result({ changes: changes.map((c) => ({ ...c, action: c.action === 'created' ? ('unchanged' as const) : c.action })), message: 'applied and ready: 2 unchanged' }) }, { generation: 1, now: later, requestedAt: 'r1' });
    expect(again).toEqual(ready);
  });

  it('keeps lastTransitionTime while a condition keeps its status', () => {
    const first = nextStatus(EMPTY_STATUS, { type: 'result', result: result({}) }, { generation: 1, now });
    const second = nextStatus(first, { type: 'result', result: result({}) }, { generation: 2, now: later });
    expect(second.conditions[0]!.lastTransitionTime).toBe('2025-01-01T00:00:00Z');
    expect(second.conditions[0]!.observedGeneration).toBe(2);
  });

  it('a failed pass: Ready=False, Stalled only for errors that are not retryable, the inventory kept', () => {
    const ready = nextStatus(EMPTY_STATUS, { type: 'result', result: result({ changes: [{ ref: cmRef('a'), action: 'created' }] }) }, { generation: 1, now });
    const NEW = 'sha256:' + 'cd'.repeat(32);
    const retryable = new SyncError('UNREACHABLE', 'API server unreachable', { retryable: true });
    const failed = nextStatus(ready, { type: 'result', result: result({ ready: false, state: 'failed', revision: NEW, error: retryable, message: 'apply failed: unreachable' }) }, { generation: 2, now });
    expect(types(failed)).toEqual({ Ready: 'False/ReconciliationFailed' });
    expect(failed).toMatchObject({ observedGeneration: 2, lastAppliedRevision: REV, lastAttemptedRevision: NEW, message: 'apply failed: unreachable' });
    expect(failed.inventory).toEqual(ready.inventory);

    const terminal = new SyncError('IMMUTABLE_FIELD', 'spec.selector is immutable');
    const stalled = nextStatus(failed, { type: 'result', result: result({ ready: false, state: 'failed', error: terminal, message: 'spec.selector is immutable' }) }, { generation: 2, now });
    expect(types(stalled)).toEqual({ Ready: 'False/ReconciliationFailed', Stalled: 'True/ImmutableField' });

    const timeout = nextStatus(stalled, { type: 'result', result: result({ ready: false, state: 'timeout', error: new SyncError('TIMEOUT', 't', { retryable: true }), message: 'not ready in time' }) }, { generation: 2, now });
    expect(types(timeout)).toEqual({ Ready: 'False/HealthCheckFailed' });
  });

  it('invalid spec and cycles: Stalled=True and Ready=False at the generation', () => {
    const invalid = nextStatus(EMPTY_STATUS, { type: 'invalidSpec', message: 'invalid spec: spec.interval: must be a duration' }, { generation: 3, now });
    expect(types(invalid)).toEqual({ Stalled: 'True/InvalidSpec', Ready: 'False/InvalidSpec' });
    expect(invalid.observedGeneration).toBe(3);
    expect(invalid.conditions.every((c) => c.observedGeneration === 3)).toBe(true);
    const cycle = nextStatus(invalid, { type: 'cycle', message: 'dependency cycle: Sync/a -> Sync/b -> Sync/a' }, { generation: 4, now });
    expect(types(cycle)).toEqual({ Stalled: 'True/DependencyCycle', Ready: 'False/DependencyCycle' });
  });

  it('waiting for a dependency: Ready=False and Reconciling=True with the message, Stalled cleared', () => {
    const invalid = nextStatus(EMPTY_STATUS, { type: 'invalidSpec', message: 'x' }, { generation: 1, now });
    const waiting = nextStatus(invalid, { type: 'waiting', message: 'waiting for Sync/crds: not found' }, { generation: 2, now });
    expect(types(waiting)).toEqual({ Ready: 'False/DependencyNotReady', Reconciling: 'True/DependencyNotReady' });
    expect(waiting.message).toBe('waiting for Sync/crds: not found');
  });

  it('suspended: Ready keeps its status with reason Suspended, the generation is not observed', () => {
    const ready = nextStatus(EMPTY_STATUS, { type: 'result', result: result({}) }, { generation: 1, now });
    const suspended = nextStatus(ready, { type: 'suspended' }, { generation: 2, now: later });
    expect(types(suspended)).toEqual({ Ready: 'True/Suspended' });
    expect(suspended.observedGeneration).toBe(1);
    expect(isReadyAtGeneration(suspended, 2)).toBe(false);
    expect(types(nextStatus(EMPTY_STATUS, { type: 'suspended' }, { generation: 1, now }))).toEqual({ Ready: 'Unknown/Suspended' });
  });

  it('a failed teardown says so on Ready', () => {
    const failed = nextStatus(EMPTY_STATUS, { type: 'deletionFailed', result: result({ ready: false, state: 'failed', message: 'prune failed' }) }, { generation: 1, now });
    expect(types(failed)).toEqual({ Ready: 'False/DeletionFailed' });
    expect(failed.message).toBe('deletion failed: prune failed');
  });
});

describe('reasonOfCode and shortRevision', () => {
  it('turns error codes into CamelCase reasons', () => {
    expect(reasonOfCode('APPLY_FAILED')).toBe('ApplyFailed');
    expect(reasonOfCode('FORBIDDEN')).toBe('Forbidden');
    expect(reasonOfCode('409')).toBe('ReconciliationFailed');
  });
  it('shortens sha256 revisions only', () => {
    expect(shortRevision(REV)).toBe('sha256:abababababab');
    expect(shortRevision('v1')).toBe('v1');
  });
});

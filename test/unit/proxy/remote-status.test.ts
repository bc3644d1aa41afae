import { describe, expect, it } from 'vitest';
import { ClusterAccessError, ReadinessError } from '../../../src/core/sync-error.js';
import type { SyncResult } from '../../../src/core/sync-result.js';
import { findCondition, type Condition, type ProxySyncStatus, type SyncStatus } from '../../../src/api/status.js';
import { judgeRemoteSync } from '../../../src/syncs/proxy/judge-remote-sync.js';
import { mirrorRemoteStatus } from '../../../src/syncs/proxy/mirror-remote-status.js';
import type { RemoteSyncObservation } from '../../../src/syncs/proxy/remote-sync-observation.js';
import { outcomeResult } from '../../../src/syncs/proxy/outcome-result.js';
import type { KubeObject } from '../../../src/core/object-ref.js';

const T0 = '2026-01-01T00:00:00Z';
const now = new Date('2026-01-01T00:05:00Z');

function cond(type: string, status: Condition['status'], reason: string, message: string, observedGeneration?: number): Condition {
  return { type, status, reason, message, lastTransitionTime: T0, ...(observedGeneration !== undefined ? { observedGeneration } : {}) };
}

function status(observedGeneration: number, conditions: Condition[], extra: Partial<SyncStatus> = {}): SyncStatus {
  return { observedGeneration, conditions, inventory: { entries: [] }, lastAppliedRevision: '', lastAttemptedRevision: '', message: '', ...extra };
}

describe('judgeRemoteSync', () => {
  it('is ready only at the generation written with Ready=True', () => {
    const ready = status(3, [cond('Ready', 'True', 'ReconciliationSucceeded', '2 unchanged', 3)]);
    expect(judgeRemoteSync(ready, 3)).toEqual({ phase: 'ready', reason: 'ReconciliationSucceeded', message: '2 unchanged' });
    expect(judgeRemoteSync(ready, 4)).toMatchObject({ phase: 'pending', reason: 'NotObserved', message: expect.stringContaining('observedGeneration 3') });
    expect(judgeRemoteSync(ready, 2)).toMatchObject({ phase: 'pending', reason: 'ChangedElsewhere' });
    // Ready=True recorded for an older generation does not count.
    expect(judgeRemoteSync(status(3, [cond('Ready', 'True', 'ReconciliationSucceeded', 'old', 2)]), 3).phase).toBe('pending');
  });

  it('is stalled at the generation written with Stalled=True, with the remote message', () => {
    const stalled = status(5, [cond('Stalled', 'True', 'DependencyCycle', 'dependency cycle: Sync/a -> Sync/a', 5), cond('Ready', 'False', 'DependencyCycle', 'x', 5)]);
    expect(judgeRemoteSync(stalled, 5)).toEqual({ phase: 'stalled', reason: 'DependencyCycle', message: 'dependency cycle: Sync/a -> Sync/a' });
    expect(judgeRemoteSync(stalled, 6).phase).toBe('pending');
  });

  it('is pending, with the remote Ready condition, while the remote controller retries', () => {
    const failing = status(2, [cond('Ready', 'False', 'ReconciliationFailed', 'apply failed: forbidden', 2)]);
    expect(judgeRemoteSync(failing, 2)).toEqual({ phase: 'pending', reason: 'ReconciliationFailed', message: 'Ready=False ReconciliationFailed: apply failed: forbidden' });
    expect(judgeRemoteSync(status(2, [], { message: 'starting' }), 2)).toEqual({ phase: 'pending', reason: 'NoReadyCondition', message: 'starting' });
  });
});

const remoteRef = { cluster: 'secret fleet/edge-1-kubeconfig', namespace: 'apps', name: 'web' };
const inventory = { entries: [{ id: '_ConfigMap_apps_a', v: 'v1' }] };

function observation(s: SyncStatus, generation = s.observedGeneration): RemoteSyncObservation {
  return { ...remoteRef, generation, status: s, seenAt: '2026-01-01T00:04:59Z' };
}

function result(init: Partial<SyncResult> & { remote?: RemoteSyncObservation }): SyncResult & { remote?: RemoteSyncObservation } {
  return { name: 'web', ready: false, state: 'failed', changes: [], revision: 'sha256:abc', message: 'm', durationMs: 1, ...init };
}

/** What the controller's common status computation gives for a pass (here: a plausible one). */
function computed(ready: boolean, message: string, extra: Partial<ProxySyncStatus> = {}): ProxySyncStatus {
  return {
    observedGeneration: 7,
    conditions: [ready ? cond('Ready', 'True', 'ReconciliationSucceeded', message, 7) : cond('Ready', 'False', 'ReconciliationFailed', message, 7)],
    inventory: { entries: [{ id: 'syncprims.dev_Sync_apps_web', v: 'v1alpha1' }] },
    lastAppliedRevision: 'sha256:abc',
    lastAttemptedRevision: 'sha256:abc',
    message,
    remoteObservedGeneration: 0,
    ...extra,
  };
}

const empty: ProxySyncStatus = { ...status(0, []), remoteObservedGeneration: 0 };

describe('mirrorRemoteStatus', () => {
  it('mirrors a ready remote: its Ready reason, inventory, revision, generation, last seen time and where it is', () => {
    const remote = observation(status(4, [cond('Ready', 'True', 'ReconciliationSucceeded', 'applied 1', 4)], { inventory, lastAppliedRevision: 'sha256:abc' }));
    const out = mirrorRemoteStatus(computed(true, 'remote Sync apps/web ready: applied 1'), { previous: empty, result: result({ ready: true, state: 'ready', message: 'remote Sync apps/web ready: applied 1', remote }), generation: 7, now });
    expect(out.inventory).toEqual(inventory);
    expect(out.remoteObservedGeneration).toBe(4);
    expect(out.lastSeenTime).toBe('2026-01-01T00:04:59Z');
    expect(out.remote).toEqual(remoteRef);
    expect(out.lastAppliedRevision).toBe('sha256:abc');
    expect(findCondition(out.conditions, 'Ready')).toMatchObject({ status: 'True', reason: 'ReconciliationSucceeded', observedGeneration: 7 });
  });

  it('carries the remote reason when the remote is not ready at the generation written, and its Stalled condition', () => {
    const remote = observation(status(4, [cond('Stalled', 'True', 'DependencyCycle', 'cycle', 4), cond('Ready', 'False', 'DependencyCycle', 'cycle', 4)]));
    const error = new ReadinessError('NOT_READY', 'remote Sync apps/web stalled (DependencyCycle): cycle');
    const base = computed(false, error.message, { conditions: [cond('Stalled', 'True', 'NotReady', error.message, 7), cond('Ready', 'False', 'ReconciliationFailed', error.message, 7)] });
    const out = mirrorRemoteStatus(base, { previous: empty, result: result({ error, message: error.message, remote }), generation: 7, now });
    expect(findCondition(out.conditions, 'Ready')).toMatchObject({ status: 'False', reason: 'DependencyCycle', message: error.message });
    expect(findCondition(out.conditions, 'Stalled')).toMatchObject({ status: 'True', reason: 'DependencyCycle' });

    const retrying = observation(status(4, [cond('Ready', 'False', 'HealthCheckFailed', 'Deployment apps/api not ready', 4)]));
    const timedOut = mirrorRemoteStatus(computed(false, 'not ready after 30s'), { previous: empty, result: result({ state: 'timeout', remote: retrying }), generation: 7, now });
    expect(findCondition(timedOut.conditions, 'Ready')).toMatchObject({ status: 'False', reason: 'HealthCheckFailed' });
    expect(findCondition(timedOut.conditions, 'Stalled')).toBeUndefined();
  });

  it('keeps the common conditions while the remote has not observed the generation written', () => {
    const remote = observation(status(3, [cond('Ready', 'True', 'ReconciliationSucceeded', 'old', 3)]), 4);
    const base = computed(false, 'not ready after 30s: not observed');
    const out = mirrorRemoteStatus(base, { previous: empty, result: result({ state: 'timeout', remote }), generation: 7, now });
    expect(out.conditions).toEqual(base.conditions);
    expect(out.remoteObservedGeneration).toBe(3);
  });

  it('reports Unreachable and keeps the last known remote status, marked stale', () => {
    const previous: ProxySyncStatus = {
      ...computed(true, 'remote Sync apps/web ready: applied 1'),
      inventory,
      remoteObservedGeneration: 4,
      lastSeenTime: '2026-01-01T00:01:00Z',
      remote: remoteRef,
    };
    const error = new ClusterAccessError('UNREACHABLE', 'cannot reach https://127.0.0.1:6443: connection refused', { retryable: true });
    const base = computed(false, error.message, { inventory: previous.inventory, remoteObservedGeneration: 4, lastSeenTime: '2026-01-01T00:01:00Z', remote: remoteRef });
    const out = mirrorRemoteStatus(base, { previous, result: result({ error, message: error.message }), generation: 7, now });
    const ready = findCondition(out.conditions, 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'Unreachable', observedGeneration: 7 });
    expect(ready?.message).toBe(
      'cannot reach https://127.0.0.1:6443: connection refused; remote status stale (last seen 2026-01-01T00:01:00Z): remote Sync apps/web ready: applied 1',
    );
    expect(out.inventory).toEqual(inventory);
    expect(out.remoteObservedGeneration).toBe(4);
    expect(out.lastSeenTime).toBe('2026-01-01T00:01:00Z');
    expect(out.remote).toEqual(remoteRef);

    // A timeout whose last error was a lost connection is unreachability too.
    const wrapped = new ReadinessError('TIMEOUT', 'not ready after 30s', { cause: error, retryable: true });
    const viaCause = mirrorRemoteStatus(computed(false, wrapped.message), { previous, result: result({ state: 'timeout', error: wrapped, message: wrapped.message }), generation: 7, now });
    expect(findCondition(viaCause.conditions, 'Ready')?.reason).toBe('Unreachable');
  });

  it('leaves other failures (no remote seen, not a connection problem) as computed', () => {
    const base = computed(false, 'Secret fleet/edge-1-kubeconfig not found');
    const out = mirrorRemoteStatus(base, { previous: empty, result: result({ message: base.message }), generation: 7, now });
    expect(out).toEqual(base);
  });
});

describe('outcomeResult', () => {
  const ref = { apiVersion: 'syncprims.dev/v1alpha1', kind: 'Sync', namespace: 'apps', name: 'web' };
  const where = 'remote Sync apps/web in secret fleet/edge-1-kubeconfig';
  const object = { apiVersion: ref.apiVersion, kind: 'Sync', metadata: { name: 'web' } } as KubeObject;

  it('says ready with the remote message, fails a stall without retry, times out with what the remote waits for', () => {
    expect(outcomeResult({ type: 'ready', object, verdict: { phase: 'ready', reason: 'ReconciliationSucceeded', message: '2 unchanged' } }, ref, where, 30_000)).toEqual({
      state: 'ready',
      message: `${where} ready: 2 unchanged`,
    });

    const stalled = outcomeResult({ type: 'stalled', object, verdict: { phase: 'stalled', reason: 'InvalidSpec', message: 'spec.interval: bad' } }, ref, where, 30_000);
    expect(stalled).toMatchObject({ state: 'failed', message: `${where} stalled (InvalidSpec): spec.interval: bad`, notReady: [{ ref, reason: 'spec.interval: bad' }] });
    expect(stalled.error).toMatchObject({ code: 'NOT_READY', retryable: false, ref });

    const lost = new ClusterAccessError('UNREACHABLE', 'watch connection lost', { retryable: true });
    const timedOut = outcomeResult({ type: 'timeout', object, verdict: { phase: 'pending', reason: 'DependencyNotReady', message: 'waiting for Sync/db' }, lastError: lost }, ref, where, 1_500);
    expect(timedOut).toMatchObject({ state: 'timeout', message: `${where} not ready after 1.5s: waiting for Sync/db (last error: watch connection lost)` });
    expect(timedOut.error).toMatchObject({ code: 'TIMEOUT', retryable: true, cause: lost });

    expect(outcomeResult({ type: 'deleted' }, ref, where, 1_000).error).toMatchObject({ code: 'NOT_FOUND', retryable: true });
  });
});

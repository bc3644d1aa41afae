/**
 * Logic tests of waitForReady against FakeWatchClient, an in-memory TEST DOUBLE of the list/watch
 * half of KubeClient (see fake-watch-client.ts). Real API server behaviour is integration-tested.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthRule, waitForReady, type WaitOutcome } from '../../../src/health/index.js';
import { ClusterAccessError, OptionsError, SyncError, type KubeObject, type NotReady, type ObjectRef } from '../../../src/core/index.js';
import { FakeWatchClient } from './fake-watch-client.js';

const apiRef: ObjectRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' };
const jobRef: ObjectRef = { apiVersion: 'batch/v1', kind: 'Job', namespace: 'web', name: 'migrate' };
const cmRef: ObjectRef = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'web', name: 'settings' };

function deployment(name: string, ready: number, generation = 1): KubeObject {
  const done = ready === 2;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'web', generation, labels: { 'syncprims.dev/owner': 'app' } },
    spec: { replicas: 2, progressDeadlineSeconds: 600, selector: { matchLabels: { app: name } }, template: {} },
    status: {
      observedGeneration: generation,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: ready,
      availableReplicas: ready,
      conditions: [
        { type: 'Available', status: done ? 'True' : 'False', reason: done ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable' },
        { type: 'Progressing', status: 'True', reason: done ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated' },
      ],
    },
  };
}

function job(conditions: Record<string, unknown>[]): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate', namespace: 'web', generation: 1 },
    spec: { backoffLimit: 0, template: {} },
    status: { startTime: '2025-05-02T10:00:00Z', active: conditions.length === 0 ? 1 : 0, failed: conditions.length, conditions },
  };
}

const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { a: '1' } };

afterEach(() => {
  vi.useRealTimers();
});

describe('waitForReady', () => {
  it('resolves ready when a watch event makes the object Current, using list then watch by name', async () => {
    const client = new FakeWatchClient();
    client.put(deployment('api', 0));
    const waiting = waitForReady(client, [apiRef]);
    await client.whenWatching();
    client.put(deployment('api', 1));
    client.put(deployment('api', 2));
    const outcome = await waiting;

    expect(outcome).toEqual({ ready: true, statuses: [{ ref: apiRef, status: 'Current', message: 'Deployment is available. Replicas: 2' }] });
    expect(client.listCalls).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', options: expect.objectContaining({ namespace: 'web', fieldSelector: 'metadata.name=api' }) },
    ]);
    expect(client.watchCalls).toHaveLength(1);
    expect(client.watchCalls[0]!.options).toMatchObject({ namespace: 'web', fieldSelector: 'metadata.name=api', resourceVersion: '101' });
    expect(client.openWatches).toBe(0);
  });

  it('resolves at once from the list when everything is already Current', async () => {
    const client = new FakeWatchClient();
    client.put(deployment('api', 2));
    client.put(configMap);
    const outcome = await waitForReady(client, [apiRef, cmRef]);
    expect(outcome.ready).toBe(true);
    expect(outcome.statuses.map((s) => s.status)).toEqual(['Current', 'Current']);
    expect(client.openWatches).toBe(0);
  });

  it('fails fast when any object is Failed, reporting the others as not ready', async () => {
    const client = new FakeWatchClient();
    client.put(deployment('api', 0));
    client.put(job([]));
    const waiting = waitForReady(client, [apiRef, jobRef], { timeout: 3_600_000 });
    await client.whenWatching(2);
    client.put(job([{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }]));
    const outcome = await waiting;

    expect(outcome.ready).toBe(false);
    if (outcome.ready || outcome.timedOut) throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
    expect(outcome.failed).toEqual([
      { ref: jobRef, message: 'Job failed (BackoffLimitExceeded: Job has reached the specified backoff limit). Failed pods: 1' },
    ]);
    expect(outcome.notReady).toEqual([{ ref: apiRef, reason: 'Available: 0/2' }]);
    expect(client.openWatches).toBe(0);
  });

  it('resolves timedOut with the reason of each object not ready, missing ones as "not found"', async () => {
    const client = new FakeWatchClient();
    client.put(deployment('api', 1));
    const outcome = await waitForReady(client, [apiRef, cmRef], { timeout: 30 });
    expect(outcome).toMatchObject({ ready: false, timedOut: true });
    if (outcome.ready || !outcome.timedOut) throw new Error('expected a timeout');
    expect(outcome.notReady).toEqual([
      { ref: apiRef, reason: 'Available: 1/2' },
      { ref: cmRef, reason: 'not found' },
    ]);
    expect(outcome.statuses).toEqual([
      { ref: apiRef, status: 'InProgress', message: 'Available: 1/2' },
      { ref: cmRef, status: 'NotFound', message: 'not found' },
    ]);
    expect(client.openWatches).toBe(0);
  });

  it('treats a missing object as not ready until it is created', async () => {
    const client = new FakeWatchClient();
    const progress: NotReady[][] = [];
    const waiting = waitForReady(client, [cmRef], { onProgress: (n) => progress.push([...n]) });
    await client.whenWatching();
    expect(progress).toEqual([[{ ref: cmRef, reason: 'not found' }]]);
    client.put(configMap);
    expect((await waiting).ready).toBe(true);
    expect(progress).toEqual([[{ ref: cmRef, reason: 'not found' }], []]);
  });

  it('counts a deleted object as not found again', async () => {
    const client = new FakeWatchClient();
    client.put(configMap);
    client.put(deployment('api', 1));
    const progress: NotReady[][] = [];
    const waiting = waitForReady(client, [cmRef, apiRef], { timeout: 3_600_000, onProgress: (n) => progress.push([...n]) });
    await client.whenWatching(2);
    client.remove(cmRef);
    client.put(configMap);
    client.put(deployment('api', 2));
    expect((await waiting).ready).toBe(true);
    expect(progress).toEqual([
      [{ ref: apiRef, reason: 'Available: 1/2' }],
      [{ ref: cmRef, reason: 'not found' }, { ref: apiRef, reason: 'Available: 1/2' }],
      [{ ref: apiRef, reason: 'Available: 1/2' }],
      [],
    ]);
  });

  it('rejects with the signal reason on abort and closes its watches', async () => {
    const client = new FakeWatchClient();
    client.put(deployment('api', 0));
    const controller = new AbortController();
    const waiting = waitForReady(client, [apiRef], { signal: controller.signal });
    await client.whenWatching();
    const reason = new Error('user pressed ctrl-c');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(client.openWatches).toBe(0);
  });

  it('rejects at once when the signal is already aborted, without any request', async () => {
    const client = new FakeWatchClient();
    const reason = new Error('too late');
    await expect(waitForReady(client, [apiRef], { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(client.listCalls).toHaveLength(0);
  });

  it('re-watches from the last resourceVersion when the server ends the watch', async () => {
    const client = new FakeWatchClient();
    client.put(deployment('api', 0));
    const waiting = waitForReady(client, [apiRef]);
    await client.whenWatching();
    client.put(deployment('api', 1)); // rv 102
    client.endWatches();
    await client.whenWatching();
    client.put(deployment('api', 2));
    expect((await waiting).ready).toBe(true);
    expect(client.listCalls).toHaveLength(1);
    expect(client.watchCalls.map((c) => c.options.resourceVersion)).toEqual(['101', '102']);
  });

  it('lists again after 410 Gone', async () => {
    const client = new FakeWatchClient();
    client.put(deployment('api', 0));
    const waiting = waitForReady(client, [apiRef]);
    await client.whenWatching();
    client.put(deployment('api', 1));
    client.failWatches(new SyncError('GONE', 'too old resource version: 102 (180)', { retryable: true }));
    client.endWatches();
    await client.whenWatching();
    client.put(deployment('api', 2));
    expect((await waiting).ready).toBe(true);
    expect(client.listCalls).toHaveLength(2);
    expect(client.watchCalls.map((c) => c.options.resourceVersion)).toEqual(['101', '102', '102']);
  });

  it('retries retryable errors and names the last one when the wait times out', async () => {
    const client = new FakeWatchClient();
    client.put(configMap);
    client.failLists(new ClusterAccessError('UNREACHABLE', 'connect ECONNREFUSED 127.0.0.1:6443', { retryable: true }));
    expect((await waitForReady(client, [cmRef])).ready).toBe(true);
    expect(client.listCalls).toHaveLength(2);

    const down = new FakeWatchClient();
    const refused = () => new ClusterAccessError('UNREACHABLE', 'connect ECONNREFUSED 127.0.0.1:6443', { retryable: true });
    down.failLists(refused(), refused(), refused(), refused(), refused(), refused());
    const outcome = await waitForReady(down, [cmRef], { timeout: 50 });
    expect(outcome).toMatchObject({
      ready: false,
      timedOut: true,
      notReady: [{ ref: cmRef, reason: 'not observed yet: connect ECONNREFUSED 127.0.0.1:6443' }],
    });
  });

  it('rejects with a non-retryable client error (e.g. forbidden)', async () => {
    const client = new FakeWatchClient();
    const forbidden = new ClusterAccessError('FORBIDDEN', 'deployments.apps is forbidden: User "ci" cannot list resource "deployments"', { retryable: false });
    client.failLists(forbidden);
    await expect(waitForReady(client, [apiRef, cmRef])).rejects.toBe(forbidden);
    expect(client.openWatches).toBe(0);
  });

  it('watches each apiVersion, kind and namespace once; several names share one unselected list', async () => {
    const client = new FakeWatchClient();
    const other = { ...apiRef, name: 'worker' };
    const elsewhere = { ...apiRef, namespace: 'jobs', name: 'api' };
    client.put(deployment('api', 2));
    client.put(deployment('worker', 1));
    client.put(deployment('unrelated', 0));
    client.put({ ...deployment('api', 2), metadata: { ...deployment('api', 2).metadata, namespace: 'jobs' } });
    const waiting = waitForReady(client, [apiRef, other, elsewhere, apiRef], { labelSelector: 'syncprims.dev/owner=app' });
    await client.whenWatching(2);
    client.put(deployment('worker', 2));
    const outcome = await waiting;
    expect(outcome.ready).toBe(true);
    expect(outcome.statuses.map((s) => s.ref)).toEqual([apiRef, other, elsewhere]);
    expect(client.listCalls.map((c) => c.options)).toEqual([
      expect.objectContaining({ namespace: 'web', labelSelector: 'syncprims.dev/owner=app' }),
      expect.objectContaining({ namespace: 'jobs', fieldSelector: 'metadata.name=api', labelSelector: 'syncprims.dev/owner=app' }),
    ]);
    expect(client.listCalls[0]!.options.fieldSelector).toBeUndefined();
  });

  it('applies custom rules', async () => {
    const client = new FakeWatchClient();
    client.put(configMap);
    const rule = healthRule('ConfigMap', (obj) => ((obj.data as Record<string, string>).a === '2' ? undefined : { status: 'InProgress', message: 'waiting for a=2' }));
    const waiting = waitForReady(client, [cmRef], { rules: [rule] });
    await client.whenWatching();
    client.put({ ...configMap, data: { a: '2' } });
    const outcome: WaitOutcome = await waiting;
    expect(outcome.ready).toBe(true);
  });

  it('rejects with an OptionsError when a custom rule throws', async () => {
    const client = new FakeWatchClient();
    client.put(configMap);
    const rule = healthRule('ConfigMap', () => {
      throw new TypeError('cannot read properties of undefined');
    });
    const error = await waitForReady(client, [cmRef], { rules: [rule] }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as SyncError).message).toBe('the health rule for ConfigMap web/settings threw: cannot read properties of undefined');
    expect((error as SyncError).ref).toEqual(cmRef);
    expect(client.openWatches).toBe(0);
  });

  it('resolves ready for no refs without any request, and refuses invalid options', async () => {
    const client = new FakeWatchClient();
    expect(await waitForReady(client, [])).toEqual({ ready: true, statuses: [] });
    expect(client.listCalls).toHaveLength(0);
    await expect(waitForReady(client, [apiRef], { timeout: -1 })).rejects.toBeInstanceOf(OptionsError);
    await expect(waitForReady(client, [{ ...apiRef, name: '' }])).rejects.toThrow(/refs\[0\] needs apiVersion, kind and name/);
  });

  it('keeps going when onProgress throws', async () => {
    const client = new FakeWatchClient();
    client.put(deployment('api', 1));
    const warnings: string[] = [];
    const logger = { debug: () => {}, info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} };
    const waiting = waitForReady(client, [apiRef], {
      logger,
      onProgress: () => {
        throw new Error('bad callback');
      },
    });
    await client.whenWatching();
    client.put(deployment('api', 2));
    expect((await waiting).ready).toBe(true);
    expect(warnings).toContain('readiness: onProgress threw');
  });

  it('leaves no timer behind', async () => {
    vi.useFakeTimers();
    const client = new FakeWatchClient();
    client.put(deployment('api', 0));
    const waiting = waitForReady(client, [apiRef], { timeout: 60_000 });
    await client.whenWatching();
    expect(vi.getTimerCount()).toBe(1);
    client.put(deployment('api', 2));
    await waiting;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with fake time, times out exactly at the deadline and not before', async () => {
    vi.useFakeTimers();
    const client = new FakeWatchClient();
    client.put(deployment('api', 0));
    let outcome: WaitOutcome | undefined;
    const waiting = waitForReady(client, [apiRef], { timeout: 10_000 }).then((o) => (outcome = o));
    await client.whenWatching();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(outcome).toMatchObject({ ready: false, timedOut: true });
  });
});

/**
 * The watch loop of `waitForRemoteSync`, against a scripted test double of `get`/`watch`
 * (not an API server: the real behaviour is covered by test/integration/proxy-sync.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { KubeClient, WatchEvent, WatchOptions } from '../../../src/cluster/kube-client.js';
import type { KubeObject } from '../../../src/core/object-ref.js';
import { ClusterAccessError, SyncError } from '../../../src/core/sync-error.js';
import { waitForRemoteSync } from '../../../src/syncs/proxy/wait-for-remote-sync.js';

const ref = { apiVersion: 'syncprims.dev/v1alpha1', kind: 'Sync', namespace: 'apps', name: 'web' };

function sync(rv: number, observedGeneration: number, ready: 'True' | 'False' | 'Unknown' | undefined, stalled = false): KubeObject {
  const conditions = [
    ...(stalled ? [{ type: 'Stalled', status: 'True', reason: 'InvalidSpec', message: 'bad spec', lastTransitionTime: '2026-01-01T00:00:00Z' }] : []),
    ...(ready ? [{ type: 'Ready', status: ready, reason: ready === 'True' ? 'ReconciliationSucceeded' : 'Progressing', message: `ready ${ready}`, lastTransitionTime: '2026-01-01T00:00:00Z' }] : []),
  ];
  return {
    apiVersion: ref.apiVersion,
    kind: 'Sync',
    metadata: { name: 'web', namespace: 'apps', generation: 2, resourceVersion: String(rv) },
    status: { observedGeneration, conditions },
  };
}

/** What one `watch` call does: deliver events, then end, fail, or stay open until aborted. */
type Script = { events?: WatchEvent[]; then: 'end' | 'hang' | { fail: unknown } };

class ScriptedClient implements Pick<KubeClient, 'get' | 'watch'> {
  readonly watchCalls: WatchOptions[] = [];
  getCalls = 0;
  constructor(
    /** What `get` returns (what the server has after the scripted events). */
    private readonly current: KubeObject | undefined,
    private readonly scripts: Script[],
  ) {}

  get(): Promise<KubeObject | undefined> {
    this.getCalls += 1;
    return Promise.resolve(this.current);
  }

  watch(_apiVersion: string, _kind: string, options: WatchOptions, onEvent: (event: WatchEvent) => void): Promise<void> {
    this.watchCalls.push(options);
    const script = this.scripts.shift() ?? { then: 'hang' };
    return new Promise<void>((resolve, reject) => {
      const signal = options.signal;
      const onAbort = (): void => reject(signal?.reason);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      setTimeout(() => {
        for (const e of script.events ?? []) {
          if (signal?.aborted) return;
          onEvent(e);
        }
        if (script.then === 'end') resolve();
        else if (script.then !== 'hang') reject(script.then.fail);
      }, 5);
    });
  }
}

const deadlineIn = (ms: number): number => Date.now() + ms;

describe('waitForRemoteSync', () => {
  it('is ready at once when the object it starts from already is, without watching', async () => {
    const client = new ScriptedClient(undefined, []);
    const outcome = await waitForRemoteSync({ client, ref, generation: 2, initial: sync(10, 2, 'True'), deadline: deadlineIn(1000) });
    expect(outcome.type).toBe('ready');
    expect(client.watchCalls).toHaveLength(0);
  });

  it('watches from the resourceVersion it starts from and ends on the event that makes it ready', async () => {
    const seen: string[] = [];
    const client = new ScriptedClient(undefined, [
      { events: [{ type: 'MODIFIED', object: sync(11, 1, 'True') }, { type: 'MODIFIED', object: sync(12, 2, 'Unknown') }, { type: 'MODIFIED', object: sync(13, 2, 'True') }], then: 'hang' },
    ]);
    const outcome = await waitForRemoteSync({ client, ref, generation: 2, initial: sync(10, 1, 'True'), deadline: deadlineIn(5000), onSeen: (o, v) => seen.push(`${o.metadata.resourceVersion}:${v.phase}`) });
    expect(outcome).toMatchObject({ type: 'ready', object: { metadata: { resourceVersion: '13' } } });
    expect(client.watchCalls[0]).toMatchObject({ namespace: 'apps', fieldSelector: 'metadata.name=web', resourceVersion: '10' });
    expect(seen).toEqual(['10:pending', '11:pending', '12:pending', '13:ready']);
    expect(client.getCalls).toBe(0);
  });

  it('resumes after the last resourceVersion when the server ends the watch, and re-reads after 410 Gone', async () => {
    const client = new ScriptedClient(sync(30, 2, 'True'), [
      { events: [{ type: 'MODIFIED', object: sync(20, 1, 'Unknown') }], then: 'end' },
      { then: { fail: new SyncError('GONE', 'too old resource version', { retryable: true }) } },
    ]);
    const outcome = await waitForRemoteSync({ client, ref, generation: 2, initial: sync(10, 1, 'True'), deadline: deadlineIn(5000) });
    expect(outcome).toMatchObject({ type: 'ready', object: { metadata: { resourceVersion: '30' } } });
    expect(client.watchCalls.map((w) => w.resourceVersion)).toEqual(['10', '20']);
    expect(client.getCalls).toBe(1);
  });

  it('fails fast on Stalled, and reports deletion', async () => {
    const stalled = new ScriptedClient(undefined, [{ events: [{ type: 'MODIFIED', object: sync(11, 2, 'False', true) }], then: 'hang' }]);
    expect(await waitForRemoteSync({ client: stalled, ref, generation: 2, initial: sync(10, 1, 'True'), deadline: deadlineIn(5000) })).toMatchObject({
      type: 'stalled',
      verdict: { reason: 'InvalidSpec', message: 'bad spec' },
    });
    const deleted = new ScriptedClient(undefined, [{ events: [{ type: 'DELETED', object: sync(11, 1, 'True') }], then: 'hang' }]);
    expect(await waitForRemoteSync({ client: deleted, ref, generation: 2, initial: sync(10, 1, 'True'), deadline: deadlineIn(5000) })).toEqual({ type: 'deleted' });
  });

  it('times out with the last verdict, retrying lost connections and keeping the last error', async () => {
    const lost = new ClusterAccessError('UNREACHABLE', 'watch connection lost', { retryable: true });
    const client = new ScriptedClient(sync(11, 2, 'Unknown'), [{ then: { fail: lost } }]);
    const outcome = await waitForRemoteSync({ client, ref, generation: 2, initial: sync(10, 1, 'True'), deadline: deadlineIn(1500) });
    expect(outcome.type).toBe('timeout');
    if (outcome.type !== 'timeout') return;
    expect(outcome.verdict).toMatchObject({ phase: 'pending', reason: 'Progressing' });
    expect(outcome.lastError).toBe(lost);
    expect(client.watchCalls.length).toBe(2);
  });

  it('rejects with the signal reason when aborted, and with non-retryable errors', async () => {
    const controller = new AbortController();
    const pending = waitForRemoteSync({ client: new ScriptedClient(undefined, []), ref, generation: 2, initial: sync(10, 1, 'True'), deadline: deadlineIn(5000), signal: controller.signal });
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);

    const forbidden = new ClusterAccessError('FORBIDDEN', 'cannot watch syncs', { retryable: false });
    const client = new ScriptedClient(undefined, [{ then: { fail: forbidden } }]);
    await expect(waitForRemoteSync({ client, ref, generation: 2, initial: sync(10, 1, 'True'), deadline: deadlineIn(5000) })).rejects.toBe(forbidden);
  });
});

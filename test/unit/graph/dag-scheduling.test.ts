import { describe, it, expect } from 'vitest';
import { dag, Dag } from '../../../src/graph/dag.js';
import { BlockedError, CycleError, OptionsError, SyncError } from '../../../src/core/sync-error.js';
import type { Syncer } from '../../../src/core/syncer.js';
import { Journal, gate, testSyncer, tick } from './test-syncers.js';

describe('dag scheduling', () => {
  it('runs a diamond in order, the shared dependency once', async () => {
    const j = new Journal();
    const a = testSyncer(j, 'a');
    const b = testSyncer(j, 'b', { dependsOn: [a], ticks: 2 });
    const c = testSyncer(j, 'c', { dependsOn: [a], ticks: 1 });
    const d = testSyncer(j, 'd', { dependsOn: [b, c] });
    const result = await dag(d).sync();
    expect(j.count('start:a')).toBe(1);
    expect(j.count('start:d')).toBe(1);
    expect(j.at('start:b')).toBeGreaterThan(j.at('end:a'));
    expect(j.at('start:c')).toBeGreaterThan(j.at('end:a'));
    expect(j.at('start:d')).toBeGreaterThan(j.at('end:b'));
    expect(j.at('start:d')).toBeGreaterThan(j.at('end:c'));
    expect(result.state).toBe('ready');
    expect(result.ready).toBe(true);
    expect(result.message).toBe('4/4 ready');
    expect(result.children?.map((r) => r.name)).toEqual(['a', 'c', 'b', 'd']);
    expect(result.changes.map((ch) => ch.ref.name)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('starts a dependent right after its dependency, not after unrelated work (no stages)', async () => {
    const j = new Journal();
    const a = testSyncer(j, 'a', { ticks: 2 });
    const slow = testSyncer(j, 'slow', { ticks: 20 });
    const b = testSyncer(j, 'b', { dependsOn: [a] });
    const afterSlow = testSyncer(j, 'after-slow', { dependsOn: [slow] });
    await dag(b, afterSlow).sync();
    expect(j.at('start:b')).toBe(j.at('end:a') + 1);
    expect(j.at('start:b')).toBeLessThan(j.at('end:slow'));
    expect(j.at('start:after-slow')).toBe(j.at('end:slow') + 1);
  });

  it('pulls in dependencies that are not among the roots', async () => {
    const j = new Journal();
    const crds = testSyncer(j, 'crds');
    const app = testSyncer(j, 'app', { dependsOn: [crds] });
    const d = dag(app);
    expect(d.nodes.map((n) => n.name)).toEqual(['crds', 'app']);
    const result = await d.sync();
    expect(result.children?.map((r) => r.name)).toEqual(['crds', 'app']);
    expect(j.at('start:app')).toBeGreaterThan(j.at('end:crds'));
  });

  it('respects the concurrency limit on a wide fan-out, and reaches it', async () => {
    const j = new Journal();
    const root = testSyncer(j, 'root');
    const leaves: Syncer[] = [];
    for (let i = 0; i < 200; i++) leaves.push(testSyncer(j, `leaf-${i}`, { dependsOn: [root], ticks: 1 + (i % 3) }));
    const result = await dag(...leaves, { concurrency: 7 }).sync();
    expect(result.state).toBe('ready');
    expect(result.children).toHaveLength(201);
    expect(j.maxInFlight).toBe(7);
    expect(j.inFlight).toBe(0);
  });

  it('runs every startable node at once by default', async () => {
    const j = new Journal();
    const leaves: Syncer[] = [];
    for (let i = 0; i < 200; i++) leaves.push(testSyncer(j, `leaf-${i}`, { ticks: 2 }));
    await dag(...leaves).sync();
    expect(j.maxInFlight).toBe(200);
  });

  it('an empty dag is ready', async () => {
    const result = await dag({ name: 'empty' }).sync();
    expect(result).toMatchObject({ name: 'empty', state: 'ready', ready: true, message: '0/0 ready', children: [] });
  });
});

describe('dag failures', () => {
  it('blocks only the failed subtree, with the chain, and lets independent branches go on', async () => {
    const j = new Journal();
    const crds = testSyncer(j, 'crds', { state: 'failed', message: 'CRD foo not established' });
    const app = testSyncer(j, 'app', { dependsOn: [crds] });
    const web = testSyncer(j, 'web', { dependsOn: [app] });
    const other = testSyncer(j, 'other', { ticks: 4 });
    const sibling = testSyncer(j, 'sibling', { dependsOn: [other] });
    const result = await dag(web, sibling).sync();

    expect(j.entries).not.toContain('start:app');
    expect(j.entries).not.toContain('start:web');
    expect(j.at('start:sibling')).toBeGreaterThan(j.at('end:crds'));
    const byName = new Map(result.children?.map((r) => [r.name, r]));
    expect(byName.get('other')?.state).toBe('ready');
    expect(byName.get('sibling')?.state).toBe('ready');
    const appResult = byName.get('app')!;
    expect(appResult.state).toBe('blocked');
    expect(appResult.ready).toBe(false);
    expect(appResult.message).toBe('blocked by crds: CRD foo not established');
    expect(appResult.error).toBeInstanceOf(BlockedError);
    expect(appResult.error?.code).toBe('BLOCKED');
    expect(appResult.error?.cause).toBe(byName.get('crds')?.error);
    expect(byName.get('web')?.message).toBe('blocked by app: blocked by crds: CRD foo not established');

    expect(result.state).toBe('failed');
    expect(result.error).toBe(byName.get('crds')?.error);
    expect(result.message).toBe(
      '2/5 ready; crds failed: CRD foo not established; app blocked by crds: CRD foo not established; ' +
        'web blocked by app: blocked by crds: CRD foo not established',
    );
  });

  it('blocks dependents of a timed-out node and reports the dag as timed out', async () => {
    const j = new Journal();
    const slow = testSyncer(j, 'slow', { state: 'timeout', message: 'Deployment web/api not ready after 1s' });
    const app = testSyncer(j, 'app', { dependsOn: [slow] });
    const result = await dag(app).sync();
    expect(result.state).toBe('timeout');
    expect(result.error?.code).toBe('TIMEOUT');
    expect(result.children?.[1]?.message).toBe('blocked by slow: Deployment web/api not ready after 1s');
  });

  it('shortens long blocked chains to the first and last link', async () => {
    const j = new Journal();
    let prev = testSyncer(j, 'root', { state: 'failed', message: 'boom' });
    for (let i = 1; i <= 6; i++) prev = testSyncer(j, `n${i}`, { dependsOn: [prev] });
    const result = await dag(prev).sync();
    const messages = new Map(result.children?.map((r) => [r.name, r.message]));
    expect(messages.get('n4')).toBe('blocked by n3: blocked by n2: blocked by n1: blocked by root: boom');
    expect(messages.get('n6')).toBe('blocked by n5: … 4 more … blocked by root: boom');
  });

  it('turns a rejecting sync() into a failed node, keeping a SyncError code', async () => {
    const j = new Journal();
    const conflict = new SyncError('CONFLICT', 'field .spec.replicas is owned by kubectl', { retryable: false });
    const bad = testSyncer(j, 'bad', { reject: conflict });
    const dependent = testSyncer(j, 'dependent', { dependsOn: [bad] });
    const buggy = testSyncer(j, 'buggy', { reject: new TypeError('x is undefined') });
    const result = await dag(dependent, buggy).sync();
    const byName = new Map(result.children?.map((r) => [r.name, r]));
    expect(byName.get('bad')?.state).toBe('failed');
    expect(byName.get('bad')?.error?.code).toBe('CONFLICT');
    expect(byName.get('bad')?.error?.cause).toBe(conflict);
    expect(byName.get('bad')?.message).toBe('sync() rejected: field .spec.replicas is owned by kubectl');
    expect(byName.get('dependent')?.state).toBe('blocked');
    expect(byName.get('buggy')?.error?.code).toBe('INVALID_RESULT');
    expect(byName.get('buggy')?.message).toBe('sync() rejected: x is undefined');
  });

  it('fails a node whose sync() resolves with something that is not a SyncResult', async () => {
    const noReady: Syncer = { name: 'half', dependsOn: [], sync: async () => ({ name: 'half', state: 'ready' }) as never };
    const wrongName: Syncer = {
      name: 'me',
      dependsOn: [],
      sync: async () => ({ name: 'other', ready: true, state: 'ready', changes: [], revision: '', message: '', durationMs: 0 }),
    };
    const result = await dag(noReady, wrongName).sync();
    const byName = new Map(result.children?.map((r) => [r.name, r]));
    expect(byName.get('half')?.message).toBe('sync() resolved with an invalid SyncResult: ready: missing (expected boolean)');
    expect(byName.get('me')?.message).toBe('sync() resolved with an invalid SyncResult: name: expected "me", got "other"');
    expect(result.state).toBe('failed');
  });

  it('with failFast, starts nothing after the first failure', async () => {
    const j = new Journal();
    const a = testSyncer(j, 'a', { state: 'failed', message: 'nope' });
    const b = testSyncer(j, 'b');
    const c = testSyncer(j, 'c');
    const result = await dag(a, b, c, { concurrency: 1, failFast: true }).sync();
    expect(j.entries).toEqual(['start:a', 'end:a']);
    expect(result.children?.map((r) => [r.name, r.state, r.message])).toEqual([
      ['a', 'failed', 'nope'],
      ['b', 'blocked', 'not started: a ended failed and failFast is set'],
      ['c', 'blocked', 'not started: a ended failed and failFast is set'],
    ]);
  });

  it('lists at most three problems in its message', async () => {
    const j = new Journal();
    const nodes = ['a', 'b', 'c', 'd', 'e'].map((n) => testSyncer(j, n, { state: 'failed', message: 'x' }));
    const result = await dag(...nodes).sync();
    expect(result.message).toBe('0/5 ready; a failed: x; b failed: x; c failed: x; (+2 more not ready)');
  });
});

describe('dag abort', () => {
  it('rejects with the reason, aborts what runs and starts nothing new', async () => {
    const j = new Journal();
    const hold = gate();
    const a = testSyncer(j, 'a', { until: hold });
    const b = testSyncer(j, 'b', { dependsOn: [a] });
    const controller = new AbortController();
    const pass = dag(b).sync({ signal: controller.signal });
    await tick();
    await tick();
    expect(j.entries).toEqual(['start:a']);
    const reason = new Error('operator pressed ctrl-c');
    controller.abort(reason);
    await expect(pass).rejects.toBe(reason);
    hold.open();
    await tick();
    expect(j.entries).toEqual(['start:a']);
    expect(j.inFlight).toBe(0);
  });

  it('waits for in-flight nodes that ignore the signal before rejecting', async () => {
    const j = new Journal();
    const hold = gate();
    const stubborn = testSyncer(j, 'stubborn', { until: hold, abortable: false });
    const controller = new AbortController();
    let settled = false;
    const pass = dag(stubborn).sync({ signal: controller.signal });
    pass.then(() => (settled = true), () => (settled = true));
    await tick();
    controller.abort(new Error('stop'));
    for (let i = 0; i < 5; i++) await tick();
    expect(settled).toBe(false);
    hold.open();
    await expect(pass).rejects.toThrow('stop');
    expect(j.entries).toEqual(['start:stubborn', 'end:stubborn']);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const j = new Journal();
    const reason = new Error('too late');
    await expect(dag(testSyncer(j, 'a')).sync({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(j.entries).toEqual([]);
  });
});

describe('dag construction', () => {
  it('refuses cycles before anything runs', () => {
    const a: Syncer & { dependsOn: Syncer[] } = { name: 'a', dependsOn: [], sync: async () => { throw new Error('must not run'); } };
    const b: Syncer = { name: 'b', dependsOn: [a], sync: a.sync };
    a.dependsOn.push(b);
    expect(() => dag(a)).toThrow(CycleError);
    expect(() => dag(a)).toThrow('dependency cycle: a -> b -> a');
  });

  it('re-checks the graph on sync(): a syncer changed into a cycle makes sync() reject before any node runs', async () => {
    const j = new Journal();
    const a = testSyncer(j, 'a') as Syncer & { dependsOn: Syncer[] };
    const b = testSyncer(j, 'b', { dependsOn: [a] });
    const d = dag(b);
    a.dependsOn = [b];
    await expect(d.sync()).rejects.toThrow('dependency cycle: b -> a -> b');
    expect(j.entries).toEqual([]);
  });

  it('refuses duplicate names', () => {
    const j = new Journal();
    expect(() => dag(testSyncer(j, 'x'), testSyncer(j, 'x'))).toThrow(OptionsError);
  });

  it('accepts the same object reached twice', async () => {
    const j = new Journal();
    const shared = testSyncer(j, 'shared');
    const result = await dag(shared, testSyncer(j, 'user', { dependsOn: [shared] }), shared).sync();
    expect(result.children).toHaveLength(2);
    expect(j.count('start:shared')).toBe(1);
  });

  it('validates options', () => {
    const j = new Journal();
    const a = testSyncer(j, 'a');
    expect(() => dag(a, { concurrency: 0 })).toThrow('dag "dag": `concurrency` must be an integer >= 1 or Infinity');
    expect(() => dag(a, { name: '' })).toThrow(OptionsError);
    expect(() => dag(a, { concurency: 2 } as never)).toThrow('unknown option `concurency`');
    expect(() => dag([a] as never)).toThrow('pass syncers as separate arguments');
    expect(new Dag([a], { concurrency: Infinity, name: 'n' }).name).toBe('n');
  });

  it('is a node with the dependsOn it was given', () => {
    const j = new Journal();
    const before = testSyncer(j, 'before');
    const d = dag(testSyncer(j, 'a'), { dependsOn: [before] });
    expect(d.dependsOn).toEqual([before]);
    expect(d.nodes.map((n) => n.name)).toEqual(['a']);
  });
});

import { describe, it, expect } from 'vitest';
import { dag } from '../../../src/graph/dag.js';
import { BaseSyncer } from '../../../src/core/base-syncer.js';
import { OptionsError } from '../../../src/core/sync-error.js';
import type { SyncPassOptions } from '../../../src/core/syncer.js';
import type { SyncResult } from '../../../src/core/sync-result.js';
import type { ChangeEvent, ProgressEvent } from '../../../src/core/syncer-events.js';
import { Journal, testSyncer, tick } from './test-syncers.js';

/** A syncer with events, the way built-in syncers are written: extends BaseSyncer, ends with finish(). */
class EmittingSyncer extends BaseSyncer {
  async sync(options: SyncPassOptions = {}): Promise<SyncResult> {
    const startedAt = Date.now();
    await tick();
    this.emit('applied', { syncer: this.name, change: { ref: { apiVersion: 'v1', kind: 'ConfigMap', name: this.name }, action: 'created' } });
    this.emit('warning', { syncer: this.name, code: 'INSECURE', message: 'careful' });
    return this.finish({ state: options.dryRun ? 'planned' : 'ready', message: 'done', startedAt });
  }
}

describe('nested dags', () => {
  it('behave as one node whose children appear in its result', async () => {
    const j = new Journal();
    const x = testSyncer(j, 'x', { ticks: 2 });
    const y = testSyncer(j, 'y');
    const inner = dag(x, y, { name: 'inner' });
    const z = testSyncer(j, 'z', { dependsOn: [inner] });
    const outer = dag(z, { name: 'outer' });
    const progress: ProgressEvent[] = [];
    const finished: string[] = [];
    outer.on('progress', (p) => progress.push(p));
    outer.on('ready', (r) => finished.push(r.name));

    const result = await outer.sync();
    expect(j.at('start:z')).toBeGreaterThan(j.at('end:x'));
    expect(j.at('start:z')).toBeGreaterThan(j.at('end:y'));
    expect(result.children?.map((r) => r.name)).toEqual(['inner', 'z']);
    expect(result.children?.[0]?.children?.map((r) => r.name)).toEqual(['y', 'x']);
    expect(result.changes.map((c) => c.ref.name)).toEqual(['y', 'x', 'z']);
    expect(finished).toEqual(['y', 'x', 'inner', 'z', 'outer']);
    expect(progress.map((p) => `${p.syncer} ${p.done}/${p.total}`)).toEqual(['inner 1/2', 'inner 2/2', 'outer 1/2', 'outer 2/2']);
  });

  it('blocks the outer dependents of a nested dag that failed', async () => {
    const j = new Journal();
    const inner = dag(testSyncer(j, 'x', { state: 'failed', message: 'bad' }), { name: 'inner' });
    const z = testSyncer(j, 'z', { dependsOn: [inner] });
    const result = await dag(z).sync();
    expect(result.children?.[1]?.message).toBe('blocked by inner: 0/1 ready; x failed: bad');
    expect(j.entries).not.toContain('start:z');
  });

  it('refuses a syncer that is both a node and inside a nested dag (it would run twice)', () => {
    const j = new Journal();
    const x = testSyncer(j, 'x');
    const inner = dag(x, { name: 'inner' });
    expect(() => dag(inner, testSyncer(j, 'z', { dependsOn: [x] }))).toThrow(OptionsError);
    expect(() => dag(inner, x)).toThrow('"x" is both a node of dag "dag" and a member of the nested dag "inner"');
    expect(() => dag(inner, dag(x, { name: 'other' }))).toThrow('"x" is both a member of the nested dag');
  });
});

describe('dry runs', () => {
  it('pass dryRun to every node, and planned nodes unblock their dependents', async () => {
    const j = new Journal();
    const crds = testSyncer(j, 'crds');
    const app = testSyncer(j, 'app', { dependsOn: [crds] });
    const custom = testSyncer(j, 'custom', { state: 'ready' }); // ignores dryRun
    const signal = new AbortController().signal;
    const result = await dag(app, custom).sync({ dryRun: true, signal });
    expect(j.passOptions.get('crds')).toEqual({ dryRun: true, signal });
    expect(j.passOptions.get('app')).toEqual({ dryRun: true, signal });
    expect(result.children?.find((r) => r.name === 'app')?.state).toBe('planned');
    expect(result.state).toBe('planned');
    expect(result.ready).toBe(false);
    expect(result.message).toBe('3/3 planned');
  });

  it('pass dryRun false on a normal pass', async () => {
    const j = new Journal();
    await dag(testSyncer(j, 'a')).sync();
    expect(j.passOptions.get('a')).toEqual({ dryRun: false });
  });
});

describe('events', () => {
  it('re-emits node events unchanged and reports ready/failed once per node, plus graph progress', async () => {
    const j = new Journal();
    const emitting = new EmittingSyncer({ name: 'emitting' });
    const plain = testSyncer(j, 'plain', { dependsOn: [emitting] });
    const broken = testSyncer(j, 'broken', { state: 'failed', message: 'no', ticks: 0 });
    const blocked = testSyncer(j, 'blocked', { dependsOn: [broken] });
    const d = dag(plain, blocked, { name: 'all' });
    const applied: ChangeEvent[] = [];
    const seen: string[] = [];
    d.on('applied', (e) => applied.push(e));
    d.on('warning', (e) => seen.push(`warning ${e.syncer} ${e.code}`));
    d.on('ready', (r) => seen.push(`ready ${r.name}`));
    d.on('failed', (r) => seen.push(`failed ${r.name} ${r.state}`));
    d.on('progress', (p) => seen.push(`progress ${p.syncer} ${p.phase} ${p.done}/${p.total}`));

    await d.sync();
    expect(applied).toEqual([{ syncer: 'emitting', change: { ref: { apiVersion: 'v1', kind: 'ConfigMap', name: 'emitting' }, action: 'created' } }]);
    expect(seen).toEqual([
      'failed broken failed',
      'progress all graph 1/4',
      'failed blocked blocked',
      'progress all graph 2/4',
      'warning emitting INSECURE',
      'ready emitting',
      'progress all graph 3/4',
      'ready plain',
      'progress all graph 4/4',
      'failed all failed',
    ]);
  });

  it('stops forwarding once the pass is over', async () => {
    const emitting = new EmittingSyncer({ name: 'emitting' });
    const d = dag(emitting);
    await d.sync();
    const after: unknown[] = [];
    d.on('warning', (e) => after.push(e));
    emitting.emit('warning', { syncer: 'emitting', code: 'LATE', message: 'late' });
    expect(after).toEqual([]);
    expect(emitting.listenerCount('warning')).toBe(0);
  });
});

describe('revision', () => {
  it('does not depend on completion order and changes with a child revision', async () => {
    const j = new Journal();
    const fastFirst = await dag(testSyncer(j, 'a', { ticks: 1 }), testSyncer(j, 'b', { ticks: 3 })).sync();
    const slowFirst = await dag(testSyncer(j, 'a', { ticks: 3 }), testSyncer(j, 'b', { ticks: 1 })).sync();
    expect(fastFirst.children?.map((c) => c.name)).toEqual(['a', 'b']);
    expect(slowFirst.children?.map((c) => c.name)).toEqual(['b', 'a']);
    expect(fastFirst.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(slowFirst.revision).toBe(fastFirst.revision);
    const renamed = await dag(testSyncer(j, 'a'), testSyncer(j, 'c')).sync();
    expect(renamed.revision).not.toBe(fastFirst.revision);
  });
});

describe('delete', () => {
  it('tears down in reverse dependency order, dependents first', async () => {
    const j = new Journal();
    const crds = testSyncer(j, 'crds', { deleteState: 'ready' });
    const app = testSyncer(j, 'app', { dependsOn: [crds], deleteState: 'ready', ticks: 2 });
    const web = testSyncer(j, 'web', { dependsOn: [app], deleteState: 'ready' });
    const side = testSyncer(j, 'side', { dependsOn: [crds], deleteState: 'ready', ticks: 5 });
    const result = await dag(web, side).delete();
    expect(j.at('delete:app')).toBeGreaterThan(j.at('delete:web'));
    expect(j.at('delete:crds')).toBeGreaterThan(j.at('delete:app'));
    expect(j.at('delete:crds')).toBeGreaterThan(j.at('delete:side'));
    expect(result.state).toBe('ready');
    expect(result.message).toBe('4/4 deleted');
    expect(result.children?.at(-1)?.name).toBe('crds');
  });

  it('skips nodes without delete() without holding their dependencies up', async () => {
    const j = new Journal();
    const crds = testSyncer(j, 'crds', { deleteState: 'ready' });
    const plain = testSyncer(j, 'plain', { dependsOn: [crds] });
    const result = await dag(plain).delete();
    expect(j.entries).toEqual(['delete:crds']);
    expect(result.message).toBe('1/1 deleted; 1 without delete() skipped');
  });

  it('keeps the dependencies of a dependent whose delete failed, as blocked', async () => {
    const j = new Journal();
    const crds = testSyncer(j, 'crds', { deleteState: 'ready' });
    const app = testSyncer(j, 'app', { dependsOn: [crds], deleteState: 'ready' });
    const web = testSyncer(j, 'web', { dependsOn: [app], deleteState: 'failed' });
    const result = await dag(web).delete();
    expect(j.entries).toEqual(['delete:web']);
    expect(result.children?.map((r) => [r.name, r.state, r.message])).toEqual([
      ['web', 'failed', 'web delete failed'],
      ['app', 'blocked', 'blocked by web: web delete failed'],
      ['crds', 'blocked', 'blocked by app: blocked by web: web delete failed'],
    ]);
    expect(result.state).toBe('failed');
  });

  it('respects the concurrency limit and aborts like sync()', async () => {
    const j = new Journal();
    const nodes = Array.from({ length: 30 }, (_, i) => testSyncer(j, `n${i}`, { deleteState: 'ready', ticks: 2 }));
    await dag(...nodes, { concurrency: 4 }).delete();
    expect(j.maxInFlight).toBe(4);
    const reason = new Error('abort delete');
    await expect(dag(...nodes).delete({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});

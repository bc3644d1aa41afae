import { describe, expect, it } from 'vitest';
import { Rollout, type RolloutSyncerOptions } from '../../../src/recipes/rollout.js';
import type { RolloutWaveEvent } from '../../../src/recipes/rollout-wave-event.js';
import type { RolloutStrategy } from '../../../src/recipes/rollout-strategy.js';
import { OptionsError } from '../../../src/core/sync-error.js';
import { clusterSyncer, Journal, type Behaviour } from './cluster-syncers.js';

interface Fleet {
  journal: Journal;
  events: RolloutWaveEvent[];
  rollout: Rollout;
}

/** A rollout over fake clusters: `spec` maps cluster names to their script; names starting with `*` are canaries. */
function fleet(spec: Record<string, Behaviour[] | undefined>, strategy: RolloutStrategy = {}, extra: Partial<RolloutSyncerOptions> = {}): Fleet {
  const journal = new Journal();
  const events: RolloutWaveEvent[] = [];
  const targets = Object.entries(spec).map(([key, script]) => {
    const canary = key.startsWith('*');
    const name = canary ? key.slice(1) : key;
    return { name, canary, syncer: clusterSyncer(journal, name, script) };
  });
  const rollout = new Rollout({ name: 'web', targets, strategy, onWave: (e) => events.push(e), ...extra });
  return { journal, events, rollout };
}

const ready: Behaviour[] = [{ kind: 'ready' }];
const broken: Behaviour[] = [{ kind: 'failed' }];
const unreachable: Behaviour[] = [{ kind: 'unreachable' }];

describe('Rollout: waves', () => {
  it('runs the canary wave first and alone, then maxConcurrency clusters per wave', async () => {
    const { journal, rollout } = fleet({ a: ready, '*c': ready, b: ready, d: ready, e: ready }, { maxConcurrency: 2 });
    const result = await rollout.sync();
    expect(result.state).toBe('ready');
    expect(result.waves.map((w) => [w.index, w.canary, w.clusters])).toEqual([
      [1, true, ['c']],
      [2, false, ['a', 'b']],
      [3, false, ['d', 'e']],
    ]);
    // Every cluster of a wave ends before any cluster of the next one starts.
    expect(journal.at('end:c')).toBeLessThan(journal.at('start:a'));
    expect(Math.max(journal.at('end:a'), journal.at('end:b'))).toBeLessThan(journal.at('start:d'));
    expect(journal.maxInFlight).toBe(2);
    expect(result.children.map((c) => c.name)).toEqual(['c', 'a', 'b', 'd', 'e']);
    expect(result.children.every((c) => c.state === 'ready')).toBe(true);
    expect(result.message).toBe('5/5 clusters ready in 3 waves');
  });

  it('reports waves to onWave and progress per cluster', async () => {
    const { events, rollout } = fleet({ '*a': ready, b: ready });
    const progress: number[] = [];
    rollout.on('progress', (p) => progress.push(p.done));
    await rollout.sync();
    expect(events.map((e) => (e.type === 'finished' ? `finished ${e.wave.index} ${e.wave.state}` : e.type === 'started' ? `started ${e.index}` : e.type))).toEqual([
      'started 1',
      'finished 1 ready',
      'started 2',
      'finished 2 ready',
    ]);
    expect(progress).toEqual([1, 2]);
  });
});

describe('Rollout: failure budget', () => {
  it('halts after a failed canary with maxFailures 0 and leaves the other clusters untouched', async () => {
    const { journal, events, rollout } = fleet({ '*a': broken, b: ready, c: ready });
    const result = await rollout.sync();
    expect(journal.calls('b')).toBe(0);
    expect(journal.calls('c')).toBe(0);
    expect(result.state).toBe('failed');
    expect(result.ready).toBe(false);
    expect(result.error?.code).toBe('APPLY_FAILED');
    expect(result.waves.map((w) => w.state)).toEqual(['failed', 'blocked', 'blocked']);
    expect(result.waves[0]?.failed).toEqual(['a']);
    const b = result.children.find((c) => c.name === 'b');
    expect(b?.state).toBe('blocked');
    expect(b?.error?.code).toBe('BLOCKED');
    expect(b?.message).toContain('halted after wave 1');
    expect(b?.message).toContain('a broke');
    expect(result.message).toMatch(/^halted after wave 1 \(canary\): 1 failure exceeds maxFailures 0; a failed: a broke; not started: b, c$/);
    expect(events.some((e) => e.type === 'halted' && e.after === 1 && e.failures === 1)).toBe(true);
  });

  it('goes on while failures stay within maxFailures and halts once they exceed it', async () => {
    const { journal, rollout } = fleet({ a: broken, b: ready, c: broken, d: ready }, { maxFailures: 1 });
    const result = await rollout.sync();
    expect(['a', 'b', 'c', 'd'].map((n) => journal.calls(n))).toEqual([1, 1, 1, 0]);
    expect(result.waves.map((w) => w.state)).toEqual(['failed', 'ready', 'failed', 'blocked']);
    expect(result.state).toBe('failed');
    expect(result.error?.message).toBe('a broke');
  });

  it('does not halt on a failure in the last wave, but the rollout is not ready', async () => {
    const { rollout } = fleet({ a: ready, b: broken });
    const result = await rollout.sync();
    expect(result.waves.map((w) => w.state)).toEqual(['ready', 'failed']);
    expect(result.state).toBe('failed');
    expect(result.message).toBe('1/2 clusters ready in 2 waves; b failed: b broke');
  });

  it('counts a rejected pass and an invalid result as failures (custom syncers are untrusted)', async () => {
    const { rollout } = fleet({ a: [{ kind: 'reject', error: new Error('boom') }], b: [{ kind: 'invalid' }] }, { maxFailures: 5 });
    const result = await rollout.sync();
    expect(result.children.map((c) => [c.name, c.state, c.error?.code])).toEqual([
      ['a', 'failed', 'INVALID_RESULT'],
      ['b', 'failed', 'INVALID_RESULT'],
    ]);
  });
});

describe('Rollout: unreachable clusters', () => {
  it("'skip' leaves an unreachable cluster out without spending the budget", async () => {
    const { journal, rollout } = fleet({ a: unreachable, b: ready }, { unreachable: 'skip' });
    const result = await rollout.sync();
    expect(journal.calls('b')).toBe(1);
    expect(result.waves[0]).toMatchObject({ state: 'ready', skipped: ['a'], failed: [], ready: [] });
    expect(result.state).toBe('ready');
    expect(result.message).toBe('1/2 clusters ready in 2 waves; 1 skipped (unreachable): a');
    expect(result.children[0]?.error?.code).toBe('UNREACHABLE');
  });

  it("'fail' (the default) counts it as a failure and halts", async () => {
    const { journal, rollout } = fleet({ a: unreachable, b: ready });
    const result = await rollout.sync();
    expect(journal.calls('b')).toBe(0);
    expect(result.waves[0]?.failed).toEqual(['a']);
    expect(result.error?.code).toBe('UNREACHABLE');
  });

  it("'wait' tries again until the cluster answers", async () => {
    const { journal, rollout } = fleet({ a: [{ kind: 'unreachable' }, { kind: 'unreachable' }, { kind: 'ready' }] }, { unreachable: 'wait', retryInterval: 1 });
    const result = await rollout.sync();
    expect(journal.calls('a')).toBe(3);
    expect(result.state).toBe('ready');
  });

  it("'wait' gives up when the wave times out: a failure, still coded UNREACHABLE", async () => {
    const { journal, rollout } = fleet({ a: unreachable, b: ready }, { unreachable: 'wait', retryInterval: 5, waveTimeout: 60 });
    const result = await rollout.sync();
    expect(journal.calls('a')).toBeGreaterThan(1);
    expect(journal.calls('b')).toBe(0);
    const a = result.children[0];
    expect(a?.state).toBe('timeout');
    expect(a?.error?.code).toBe('UNREACHABLE');
    expect(a?.message).toContain('still unreachable when wave 1 timed out');
    expect(result.waves[0]?.failed).toEqual(['a']);
  });

  it('does not treat other failures as unreachable', async () => {
    const { rollout } = fleet({ a: [{ kind: 'failed', code: 'FORBIDDEN' }], b: ready }, { unreachable: 'skip' });
    const result = await rollout.sync();
    expect(result.waves[0]?.failed).toEqual(['a']);
    expect(result.waves[1]?.state).toBe('blocked');
  });
});

describe('Rollout: time bounds and aborts', () => {
  it('ends a cluster still running when the wave times out as timeout, and counts it as a failure', async () => {
    const { rollout } = fleet({ a: [{ kind: 'hang' }], b: ready }, { waveTimeout: 20 });
    const result = await rollout.sync();
    expect(result.children[0]).toMatchObject({ name: 'a', state: 'timeout' });
    expect(result.children[0]?.error?.code).toBe('TIMEOUT');
    expect(result.children[1]?.state).toBe('blocked');
    expect(result.state).toBe('timeout');
  });

  it('passes the caller signal (combined with the wave timeout) to every cluster and rejects with its reason on abort', async () => {
    const controller = new AbortController();
    const { journal, rollout } = fleet({ a: [{ kind: 'hang' }], b: ready }, { waveTimeout: 60_000 });
    const pass = rollout.sync({ signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    expect(journal.passes[0]?.options.signal).toBeInstanceOf(AbortSignal);
    controller.abort(new Error('stop'));
    await expect(pass).rejects.toThrow('stop');
    expect(journal.calls('b')).toBe(0);
  });

  it('soaks between waves, not after the last one, and an abort cuts the soak short', async () => {
    const { events, rollout } = fleet({ a: ready, b: ready }, { soakTime: 5 });
    await rollout.sync();
    expect(events.map((e) => e.type)).toEqual(['started', 'finished', 'soaking', 'started', 'finished']);

    const controller = new AbortController();
    const long = fleet({ a: ready, b: ready }, { soakTime: 3_600_000 }, { onWave: (e) => { if (e.type === 'soaking') controller.abort(new Error('enough')); } });
    await expect(long.rollout.sync({ signal: controller.signal })).rejects.toThrow('enough');
    expect(long.journal.calls('b')).toBe(0);
  });
});

describe('Rollout: dry run (the plan)', () => {
  it('plans every cluster wave by wave, writes nothing, never halts, and names the clusters that would change', async () => {
    const { journal, events, rollout } = fleet({ '*a': [{ kind: 'ready', action: 'configured' }], b: broken, c: [{ kind: 'ready', action: 'unchanged' }] }, { soakTime: 3_600_000 });
    const result = await rollout.sync({ dryRun: true });
    expect(journal.passes.every((p) => p.options.dryRun === true)).toBe(true);
    expect(['a', 'b', 'c'].map((n) => journal.calls(n))).toEqual([1, 1, 1]);
    expect(events.some((e) => e.type === 'soaking' || e.type === 'halted')).toBe(false);
    expect(result.waves.map((w) => [w.state, w.changed])).toEqual([
      ['planned', ['a']],
      ['failed', []],
      ['planned', []],
    ]);
    expect(result.state).toBe('failed');

    const clean = fleet({ '*a': [{ kind: 'ready', action: 'created' }], b: [{ kind: 'ready', action: 'unchanged' }] });
    const plan = await clean.rollout.sync({ dryRun: true });
    expect(plan.state).toBe('planned');
    expect(plan.message).toBe('plan: 2/2 clusters planned in 2 waves; wave 1 (canary): a would change; wave 2: no change');
  });
});

describe('Rollout: options', () => {
  const journal = new Journal();
  const s = (n: string) => clusterSyncer(journal, n);
  it('refuses invalid targets and strategies with OptionsError', () => {
    expect(() => new Rollout({ targets: [] })).toThrow(OptionsError);
    expect(() => new Rollout({ targets: [{ name: 'a', syncer: s('a') }, { name: 'a', syncer: s('b') }] })).toThrow(/two targets are named "a"/);
    const shared = s('x');
    expect(() => new Rollout({ targets: [{ name: 'a', syncer: shared }, { name: 'b', syncer: shared }] })).toThrow(/given for two clusters/);
    expect(() => new Rollout({ targets: [{ name: 'a', syncer: {} as never }] })).toThrow(/is not a syncer/);
    expect(() => new Rollout({ targets: [{ name: 'a', syncer: s('c') }], strategy: { maxConcurrency: 0 } })).toThrow(/strategy.maxConcurrency/);
    expect(() => new Rollout({ targets: [{ name: 'a', syncer: s('d') }], strategy: { unreachable: 'retry' as never } })).toThrow(/strategy.unreachable/);
    expect(() => new Rollout({ targets: [{ name: 'a', syncer: s('e') }], strategy: { maxFailure: 1 } as never })).toThrow(/unknown option `strategy.maxFailure`/);
  });

  it('applies the documented defaults', () => {
    const rollout = new Rollout({ targets: [{ name: 'a', syncer: s('f') }] });
    expect(rollout.name).toBe('rollout');
    expect(rollout.strategy).toEqual({ maxConcurrency: 1, maxFailures: 0, soakTime: 0, unreachable: 'fail', retryInterval: 2000 });
  });
});

describe('Rollout: delete', () => {
  it('tears the clusters down in reverse plan order, names results after the clusters, and skips syncers without delete()', async () => {
    const order: string[] = [];
    const withDelete = (cluster: string) => {
      const syncer = clusterSyncer(new Journal(), cluster);
      return {
        ...syncer,
        async delete() {
          order.push(cluster);
          return { name: syncer.name, ready: true, state: 'ready' as const, changes: [], revision: '', message: 'deleted', durationMs: 0 };
        },
      };
    };
    const rollout = new Rollout({
      targets: [
        { name: 'a', syncer: withDelete('a') },
        { name: 'b', syncer: withDelete('b'), canary: true },
        { name: 'c', syncer: clusterSyncer(new Journal(), 'c') },
        { name: 'd', syncer: withDelete('d') },
      ],
    });
    const result = await rollout.delete();
    expect(order).toEqual(['d', 'a', 'b']);
    expect(result.children?.map((c) => c.name)).toEqual(['d', 'a', 'b']);
    expect(result.message).toBe('3/3 deleted; 1 without delete() skipped');
  });

  it('emits its own result with the waves', async () => {
    const { rollout } = fleet({ a: ready });
    const emitted: unknown[] = [];
    rollout.on('ready', (r) => emitted.push(r));
    const result = await rollout.sync();
    expect(emitted).toEqual([result]);
    expect(result.waves).toHaveLength(1);
  });
});

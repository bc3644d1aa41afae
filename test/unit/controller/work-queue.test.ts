import { describe, it, expect } from 'vitest';
import { WorkQueue } from '../../../src/controller/work-queue.js';

/** A promise with its resolver, to hold handlers open. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkQueue', () => {
  it('never handles one key twice at once, and handles it again when re-added meanwhile', async () => {
    const calls: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const hold = gate();
    const queue = new WorkQueue({
      concurrency: 4,
      handler: async (key) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        calls.push(key);
        if (calls.length === 1) await hold.promise;
        running -= 1;
      },
    });
    queue.start();
    queue.add('a');
    await tick();
    expect(queue.active).toBe(1);
    queue.add('a');
    queue.add('a');
    await tick();
    expect(calls).toEqual(['a']);
    expect(queue.active).toBe(1);
    hold.open();
    await queue.idle();
    expect(calls).toEqual(['a', 'a']);
    expect(maxRunning).toBe(1);
    await queue.stop();
  });

  it('deduplicates keys added while queued', async () => {
    const calls: string[] = [];
    const queue = new WorkQueue({ handler: async (key) => void calls.push(key) });
    queue.add('a');
    queue.add('b');
    queue.add('a');
    queue.add('b');
    queue.add('c');
    expect(queue.pending).toBe(3);
    queue.start();
    await queue.idle();
    expect(calls).toEqual(['a', 'b', 'c']);
    await queue.stop();
  });

  it('runs at most `concurrency` handlers at once', async () => {
    let running = 0;
    let maxRunning = 0;
    const hold = gate();
    const queue = new WorkQueue({
      concurrency: 3,
      handler: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await hold.promise;
        running -= 1;
      },
    });
    queue.start();
    for (let i = 0; i < 10; i++) queue.add(`k${i}`);
    await tick();
    expect(queue.active).toBe(3);
    expect(queue.pending).toBe(7);
    hold.open();
    await queue.idle();
    expect(maxRunning).toBe(3);
    await queue.stop();
  });

  it('requeues after the delay a handler returns, and the earliest schedule wins', async () => {
    const seen: number[] = [];
    const started = Date.now();
    const queue = new WorkQueue({
      handler: async () => {
        seen.push(Date.now() - started);
        return seen.length === 1 ? { requeueAfter: 30 } : undefined;
      },
    });
    queue.start();
    queue.add('a');
    await new Promise((resolve) => setTimeout(resolve, 120));
    await queue.idle();
    expect(seen).toHaveLength(2);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(25);

    queue.addAfter('b', 10_000);
    queue.addAfter('b', 5);
    queue.addAfter('b', 20_000);
    expect(queue.scheduled).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await queue.idle();
    expect(seen).toHaveLength(3);
    expect(queue.scheduled).toBe(0);
    await queue.stop();
  });

  it('cancels the schedule of a key when it is handled', async () => {
    let calls = 0;
    const queue = new WorkQueue({ handler: async () => void (calls += 1) });
    queue.start();
    queue.addAfter('a', 50);
    queue.add('a');
    await queue.idle();
    expect(queue.scheduled).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(calls).toBe(1);
    await queue.stop();
  });

  it('stop() aborts in-flight handlers, waits for them and forgets queued keys and timers', async () => {
    const aborted: string[] = [];
    const calls: string[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      handler: async (key, signal) => {
        calls.push(key);
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        aborted.push(key);
      },
    });
    queue.start();
    queue.add('a');
    queue.add('b');
    queue.addAfter('c', 10);
    await tick();
    await queue.stop();
    expect(aborted).toEqual(['a']);
    expect(queue.active).toBe(0);
    expect(queue.pending).toBe(0);
    expect(queue.scheduled).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toEqual(['a']);
  });

  it('keeps going after a handler throws', async () => {
    const calls: string[] = [];
    const queue = new WorkQueue({
      handler: async (key) => {
        calls.push(key);
        if (key === 'bad') throw new Error('boom');
      },
    });
    queue.start();
    queue.add('bad');
    queue.add('good');
    await queue.idle();
    expect(calls).toEqual(['bad', 'good']);
    await queue.stop();
  });

  it('forget() drops a queued key and its schedule', async () => {
    const calls: string[] = [];
    const queue = new WorkQueue({ handler: async (key) => void calls.push(key) });
    queue.add('a');
    queue.add('b');
    queue.addAfter('b', 5);
    queue.forget('b');
    queue.start();
    await queue.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual(['a']);
    await queue.stop();
  });

  it('refuses a concurrency below 1', () => {
    expect(() => new WorkQueue({ concurrency: 0, handler: async () => {} })).toThrow(/concurrency/);
  });
});

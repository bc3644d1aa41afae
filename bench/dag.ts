/**
 * Benchmark of the `dag` scheduler: no-op syncers in a seeded random DAG.
 *
 * - scheduling overhead: wall time of `dag(...).sync()` over syncers that do nothing (graph
 *   re-check, scheduling, events, result), total and per node, at 1k and 10k nodes;
 * - wake-up latency: time from a dependency's `sync()` resolving to its dependent's `sync()`
 *   being called (median and p99), at 10k nodes, each node yielding to the event loop once.
 *
 * Run standalone: `npx tsx bench/dag.ts` (prints a markdown table).
 */
import { pathToFileURL } from 'node:url';
import { dag } from '../src/graph/index.js';
import type { Syncer } from '../src/core/syncer.js';
import type { SyncResult } from '../src/core/sync-result.js';

/** One measurement. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** A small seeded PRNG (mulberry32), so every run builds the same graphs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Probe {
  /** performance.now() when each node's sync() was called. */
  readonly startedAt: Float64Array;
  /** performance.now() just before each node's sync() resolved. */
  readonly endedAt: Float64Array;
}

/**
 * `n` no-op syncers; node i depends on up to 3 random earlier nodes (so the graph is acyclic,
 * with long and wide parts). With `yieldOnce`, each sync waits one macrotask before resolving.
 */
function randomGraph(n: number, seed: number, yieldOnce: boolean): { roots: Syncer[]; nodes: Syncer[]; deps: number[][]; probe: Probe } {
  const next = random(seed);
  const probe: Probe = { startedAt: new Float64Array(n), endedAt: new Float64Array(n) };
  const nodes: Syncer[] = [];
  const deps: number[][] = [];
  const hasDependent = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const mine = new Set<number>();
    const count = i === 0 ? 0 : Math.floor(next() * 4);
    for (let k = 0; k < count; k++) mine.add(Math.floor(next() * i));
    const list = [...mine];
    for (const d of list) hasDependent[d] = 1;
    deps.push(list);
    const name = `node-${i}`;
    const result: SyncResult = { name, ready: true, state: 'ready', changes: [], revision: 'r', message: 'ok', durationMs: 0 };
    nodes.push({
      name,
      dependsOn: list.map((d) => nodes[d]!),
      sync: yieldOnce
        ? async () => {
            probe.startedAt[i] = performance.now();
            await new Promise<void>((resolve) => setImmediate(resolve));
            probe.endedAt[i] = performance.now();
            return result;
          }
        : async () => result,
    });
  }
  const roots = nodes.filter((_, i) => !hasDependent[i]);
  return { roots, nodes, deps, probe };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * Wall time (ms) of dag passes over `n` no-op syncers: the first pass (cold: graph re-check and
 * JIT warm-up included) and the median of `runs` passes after 3 warm-up passes.
 */
async function overhead(n: number, runs: number): Promise<{ cold: number; warm: number }> {
  const { roots } = randomGraph(n, 42, false);
  const d = dag(...roots, { name: `bench-${n}` });
  const pass = async (): Promise<number> => {
    const t0 = performance.now();
    const result = await d.sync();
    const elapsed = performance.now() - t0;
    if (result.state !== 'ready' || result.children?.length !== n) throw new Error(`bench pass did not complete: ${result.message}`);
    return elapsed;
  };
  const cold = await pass();
  for (let w = 0; w < 3; w++) await pass();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) times.push(await pass());
  return { cold, warm: median(times) };
}

/** Wake-up latencies (ms): for each node with dependencies, its start minus its last dependency's end. */
async function wakeUps(n: number): Promise<number[]> {
  const { roots, deps, probe } = randomGraph(n, 7, true);
  const d = dag(...roots, { name: `wake-${n}` });
  await d.sync(); // warm-up
  await d.sync();
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const list = deps[i]!;
    if (list.length === 0) continue;
    let last = 0;
    for (const dep of list) last = Math.max(last, probe.endedAt[dep]!);
    latencies.push(probe.startedAt[i]! - last);
  }
  return latencies;
}

/** Runs the dag benchmarks; see the file comment for what is measured. */
export async function benchDag(): Promise<BenchRow[]> {
  const small = await overhead(1_000, 9);
  const large = await overhead(10_000, 5);
  const latencies = await wakeUps(10_000);
  return [
    { name: 'dag 1k no-op: scheduling overhead', value: round(small.warm), unit: 'ms', note: 'median of 9 warm passes; bar: < 50 ms' },
    { name: 'dag 1k no-op: per node', value: round(small.warm), unit: 'µs' },
    { name: 'dag 1k no-op: first pass (cold)', value: round(small.cold), unit: 'ms', note: 'includes JIT warm-up' },
    { name: 'dag 10k no-op: scheduling overhead', value: round(large.warm), unit: 'ms', note: 'median of 5 warm passes' },
    { name: 'dag 10k no-op: per node', value: round(large.warm / 10), unit: 'µs' },
    { name: 'dag 10k/1k overhead ratio', value: round(large.warm / small.warm), unit: 'x', note: '10 = linear' },
    { name: 'dag wake-up latency (median)', value: round(median(latencies) * 1_000), unit: 'µs', note: `10k nodes, ${latencies.length} dependents; bar: < 50 ms` },
    { name: 'dag wake-up latency (p99)', value: round(percentile(latencies, 99) * 1_000), unit: 'µs' },
  ];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchDag();
  const lines = ['| benchmark | value | unit | note |', '|---|---:|---|---|'];
  for (const row of rows) lines.push(`| ${row.name} | ${row.value} | ${row.unit} | ${row.note ?? ''} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

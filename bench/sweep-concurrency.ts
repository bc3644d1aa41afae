import { join } from 'node:path';
import { isFailure, type Outcome, type SweepPoint } from './bench-report.js';
import type { BenchTarget } from './bench-target.js';
import { prepareBareApply, runBareApply } from './bare-ssa-loop.js';
import { generateSet } from './generate-set.js';
import { measureStep } from './measure-step.js';
import { loadRestEndpoint } from './rest-endpoint.js';
import { medianOf } from './summarize.js';
import { runSyncprimsPass } from './syncprims-contender.js';
import { writeSet } from './write-set.js';

/** How much slower than the fastest point a concurrency may be and still be chosen. */
export const SWEEP_TOLERANCE = 0.05;

async function sweepSyncprims(target: BenchTarget, size: number, concurrency: number, rep: number): Promise<Outcome> {
  const set = generateSet({ size, runId: `${target.token}-sw${concurrency}s${rep}` });
  const files = await writeSet(set, join(target.workDir, set.runId));
  return measureStep(target, `syncprims c=${concurrency}`, async () => {
    const r = await runSyncprimsPass({ kubeconfig: target.kubeconfig, name: `bench-${set.runId}`, dir: files.full, concurrency });
    return { ms: r.ms, client: r.requests, actions: r.actions };
  });
}

async function sweepBare(target: BenchTarget, size: number, concurrency: number, rep: number): Promise<Outcome> {
  const set = generateSet({ size, runId: `${target.token}-sw${concurrency}b${rep}` });
  const endpoint = await loadRestEndpoint(target.kubeconfig, concurrency);
  try {
    const prepared = await prepareBareApply(endpoint, set);
    return await measureStep(target, `bare c=${concurrency}`, async () => {
      const r = await runBareApply(endpoint, prepared, concurrency);
      return { ms: r.ms, client: r.requests };
    });
  } finally {
    endpoint.agent.destroy();
  }
}

/**
 * First apply of a fresh `size`-object set by syncprims and by the bare loop at each
 * concurrency, `repeat` rounds over all levels (a round visits every level once, so slow
 * phases of a shared machine spread over the levels instead of hitting one).
 */
export async function sweepConcurrency(target: BenchTarget, size: number, levels: readonly number[], repeat: number): Promise<SweepPoint[]> {
  const runs = new Map(levels.map((c) => [c, { syncprims: [] as Outcome[], bare: [] as Outcome[] }] as const));
  for (let rep = 0; rep < repeat; rep++) {
    for (const concurrency of levels) {
      target.log(`sweep round ${rep + 1}/${repeat}: ${size} objects at concurrency ${concurrency}`);
      const point = runs.get(concurrency)!;
      if (rep % 2 === 0) {
        point.syncprims.push(await sweepSyncprims(target, size, concurrency, rep));
        point.bare.push(await sweepBare(target, size, concurrency, rep));
      } else {
        point.bare.push(await sweepBare(target, size, concurrency, rep));
        point.syncprims.push(await sweepSyncprims(target, size, concurrency, rep));
      }
    }
  }
  return levels.map((concurrency) => ({ concurrency, ...runs.get(concurrency)! }));
}

/**
 * Picks the default: the smallest concurrency whose median syncprims first apply is within
 * {@link SWEEP_TOLERANCE} of the fastest. Fewer parallel requests for the same speed is
 * kinder to shared API servers (and to API Priority and Fairness).
 */
export function chooseConcurrency(points: readonly SweepPoint[]): { value: number; reason: string } | undefined {
  const ok = points.flatMap((p) => {
    const m = medianOf(p.syncprims);
    return m === undefined || isFailure(m) ? [] : [{ c: p.concurrency, ms: m.ms }];
  });
  if (ok.length === 0) return undefined;
  const best = ok.reduce((a, b) => (b.ms < a.ms ? b : a));
  const chosen = ok.filter((p) => p.ms <= best.ms * (1 + SWEEP_TOLERANCE)).sort((a, b) => a.c - b.c)[0]!;
  const reason =
    chosen.c === best.c
      ? `fastest point of the sweep (${(best.ms / 1000).toFixed(2)} s)`
      : `smallest concurrency within ${SWEEP_TOLERANCE * 100}% of the fastest (${(chosen.ms / 1000).toFixed(2)} s vs ${(best.ms / 1000).toFixed(2)} s at ${best.c})`;
  return { value: chosen.c, reason };
}

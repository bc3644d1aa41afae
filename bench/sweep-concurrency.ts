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

interface LevelFigures {
  readonly c: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function figuresOf(p: SweepPoint): LevelFigures | undefined {
  const m = medianOf(p.syncprims);
  if (m === undefined || isFailure(m)) return undefined;
  const ms = p.syncprims.flatMap((o) => (isFailure(o) ? [] : [o.ms]));
  return { c: p.concurrency, median: m.ms, min: Math.min(...ms), max: Math.max(...ms) };
}

const s2 = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/**
 * Picks the default from the sweep. The candidate is the smallest concurrency whose median
 * syncprims first apply is within {@link SWEEP_TOLERANCE} of the fastest median (fewer parallel
 * requests for the same speed is kinder to shared API servers and to API Priority and
 * Fairness). It replaces `current` only when it is faster in every round (its slowest round
 * beats the current default's fastest); otherwise the difference is within the machine's noise
 * and `current` stays.
 */
export function chooseConcurrency(points: readonly SweepPoint[], current: number): { value: number; reason: string } | undefined {
  const levels = points.flatMap((p) => figuresOf(p) ?? []);
  if (levels.length === 0) return undefined;
  const best = levels.reduce((a, b) => (b.median < a.median ? b : a));
  const candidate = levels.filter((l) => l.median <= best.median * (1 + SWEEP_TOLERANCE)).sort((a, b) => a.c - b.c)[0]!;
  const now = levels.find((l) => l.c === current);
  if (!now) return { value: candidate.c, reason: `the current default ${current} was not swept; ${candidate.c} is the smallest level within ${SWEEP_TOLERANCE * 100}% of the fastest median (${s2(best.median)} at ${best.c})` };
  if (candidate.c === current) return { value: current, reason: `the current default is the smallest level within ${SWEEP_TOLERANCE * 100}% of the fastest median (${s2(best.median)} at ${best.c})` };
  if (candidate.max < now.min) {
    return { value: candidate.c, reason: `${candidate.c} beat the current default ${current} in every round (slowest ${s2(candidate.max)} < fastest ${s2(now.min)})` };
  }
  return {
    value: current,
    reason: `keep ${current}: the sweep's pick ${candidate.c} (median ${s2(candidate.median)}, ${s2(candidate.min)}–${s2(candidate.max)}) overlaps the default's rounds (median ${s2(now.median)}, ${s2(now.min)}–${s2(now.max)}), a difference within this machine's noise`,
  };
}

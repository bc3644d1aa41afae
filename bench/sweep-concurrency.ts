import { join } from 'node:path';
import { isFailure, type SweepPoint } from './bench-report.js';
import type { BenchTarget } from './bench-target.js';
import { prepareBareApply, runBareApply } from './bare-ssa-loop.js';
import { generateSet } from './generate-set.js';
import { measureStep } from './measure-step.js';
import { loadRestEndpoint } from './rest-endpoint.js';
import { runSyncprimsPass } from './syncprims-contender.js';
import { writeSet } from './write-set.js';

/** How much slower than the fastest point a concurrency may be and still be chosen. */
export const SWEEP_TOLERANCE = 0.05;

/** First apply of a fresh `size`-object set by syncprims and by the bare loop at each concurrency. */
export async function sweepConcurrency(target: BenchTarget, size: number, levels: readonly number[]): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  for (const concurrency of levels) {
    target.log(`sweep: ${size} objects at concurrency ${concurrency}`);
    const sSet = generateSet({ size, runId: `${target.token}-sw${concurrency}s` });
    const sFiles = await writeSet(sSet, join(target.workDir, sSet.runId));
    const syncprims = await measureStep(target, `syncprims c=${concurrency}`, async () => {
      const r = await runSyncprimsPass({ kubeconfig: target.kubeconfig, name: `bench-${sSet.runId}`, dir: sFiles.full, concurrency });
      return { ms: r.ms, client: r.requests, actions: r.actions };
    });
    const bSet = generateSet({ size, runId: `${target.token}-sw${concurrency}b` });
    const endpoint = await loadRestEndpoint(target.kubeconfig, concurrency);
    let bare;
    try {
      const prepared = await prepareBareApply(endpoint, bSet);
      bare = await measureStep(target, `bare c=${concurrency}`, async () => {
        const r = await runBareApply(endpoint, prepared, concurrency);
        return { ms: r.ms, client: r.requests };
      });
    } finally {
      endpoint.agent.destroy();
    }
    points.push({ concurrency, syncprims, bare });
  }
  return points;
}

/**
 * Picks the default: the smallest concurrency whose syncprims first apply is within
 * {@link SWEEP_TOLERANCE} of the fastest. Fewer parallel requests for the same speed is
 * kinder to shared API servers (and to API Priority and Fairness).
 */
export function chooseConcurrency(points: readonly SweepPoint[]): { value: number; reason: string } | undefined {
  const ok = points.flatMap((p) => (isFailure(p.syncprims) ? [] : [{ c: p.concurrency, ms: p.syncprims.ms }]));
  if (ok.length === 0) return undefined;
  const best = ok.reduce((a, b) => (b.ms < a.ms ? b : a));
  const chosen = ok.filter((p) => p.ms <= best.ms * (1 + SWEEP_TOLERANCE)).sort((a, b) => a.c - b.c)[0]!;
  const reason =
    chosen.c === best.c
      ? `fastest point of the sweep (${(best.ms / 1000).toFixed(2)} s)`
      : `smallest concurrency within ${SWEEP_TOLERANCE * 100}% of the fastest (${(chosen.ms / 1000).toFixed(2)} s vs ${(best.ms / 1000).toFixed(2)} s at ${best.c})`;
  return { value: chosen.c, reason };
}

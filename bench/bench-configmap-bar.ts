import { join } from 'node:path';
import type { BarResult, Outcome } from './bench-report.js';
import type { BenchTarget } from './bench-target.js';
import { prepareBareApply, runBareApply } from './bare-ssa-loop.js';
import { generateSet } from './generate-set.js';
import { measureStep } from './measure-step.js';
import { loadRestEndpoint } from './rest-endpoint.js';
import { runSyncprimsPass } from './syncprims-contender.js';
import { writeSet } from './write-set.js';

/** The Bar of issue 3: ConfigMaps in one first apply. */
export const BAR_CONFIGMAPS = 1000;

async function syncprimsRound(target: BenchTarget, concurrency: number, rep: number): Promise<Outcome> {
  const set = generateSet({ size: BAR_CONFIGMAPS, runId: `${target.token}-cm${rep}s`, mix: 'configmaps' });
  const files = await writeSet(set, join(target.workDir, set.runId));
  return measureStep(target, `syncprims ${BAR_CONFIGMAPS} ConfigMaps`, async () => {
    const r = await runSyncprimsPass({ kubeconfig: target.kubeconfig, name: `bench-${set.runId}`, dir: files.full, concurrency });
    return { ms: r.ms, client: r.requests, actions: r.actions };
  });
}

async function bareRound(target: BenchTarget, concurrency: number, rep: number): Promise<Outcome> {
  const set = generateSet({ size: BAR_CONFIGMAPS, runId: `${target.token}-cm${rep}b`, mix: 'configmaps' });
  const endpoint = await loadRestEndpoint(target.kubeconfig, concurrency);
  try {
    const prepared = await prepareBareApply(endpoint, set);
    return await measureStep(target, `bare ${BAR_CONFIGMAPS} ConfigMaps`, async () => {
      const r = await runBareApply(endpoint, prepared, concurrency);
      return { ms: r.ms, client: r.requests };
    });
  } finally {
    endpoint.agent.destroy();
  }
}

/**
 * First apply of {@link BAR_CONFIGMAPS} ConfigMaps (plus their Namespaces) by syncprims and by the
 * bare loop, `repeat` rounds, the order alternating between rounds.
 */
export async function benchConfigMapBar(target: BenchTarget, concurrency: number, repeat: number): Promise<BarResult> {
  const syncprims: Outcome[] = [];
  const bare: Outcome[] = [];
  for (let rep = 0; rep < repeat; rep++) {
    target.log(`bar: ${BAR_CONFIGMAPS} ConfigMaps, round ${rep + 1}/${repeat}`);
    if (rep % 2 === 0) {
      syncprims.push(await syncprimsRound(target, concurrency, rep));
      bare.push(await bareRound(target, concurrency, rep));
    } else {
      bare.push(await bareRound(target, concurrency, rep));
      syncprims.push(await syncprimsRound(target, concurrency, rep));
    }
  }
  return { configMaps: BAR_CONFIGMAPS, syncprims, bare };
}

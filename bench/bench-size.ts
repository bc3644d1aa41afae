import { join } from 'node:path';
import type { Contender, Outcome, SizeResult, Step } from './bench-report.js';
import type { BenchTarget } from './bench-target.js';
import { bareCycle, kubectlCycle, syncprimsCycle, type Cycle } from './contender-cycles.js';
import { generateSet } from './generate-set.js';
import { writeSet } from './write-set.js';

const CONTENDERS: readonly Contender[] = ['bare', 'syncprims', 'kubectl'];
const LETTER: Record<Contender, string> = { bare: 'b', syncprims: 's', kubectl: 'k' };

/** Sets above this size run once: they take long, and their figures vary less. */
export const REPEAT_LIMIT = 1000;

/**
 * Benchmarks one set size: per repetition, each contender gets its own freshly generated set
 * (own namespaces, own CRD) on the same cluster and runs first apply, no-op, prune of half.
 * The contender order rotates between repetitions to spread any drift of the cluster.
 */
export async function benchSize(target: BenchTarget, size: number, repeat: number, concurrency: number): Promise<SizeResult> {
  const repetitions = size > REPEAT_LIMIT ? 1 : repeat;
  const runs: Record<Contender, Record<Step, Outcome[]>> = {
    syncprims: { first: [], noop: [], prune: [] },
    kubectl: { first: [], noop: [], prune: [] },
    bare: { first: [], noop: [], prune: [] },
  };
  for (let rep = 0; rep < repetitions; rep++) {
    const order = CONTENDERS.map((_, i) => CONTENDERS[(i + rep) % CONTENDERS.length]!);
    for (const contender of order) {
      if (contender === 'kubectl' && !target.kubectl) continue;
      target.log(`${size} objects, run ${rep + 1}/${repetitions}, ${contender}`);
      const set = generateSet({ size, runId: `${target.token}-${size}${LETTER[contender]}${rep}` });
      const files = await writeSet(set, join(target.workDir, set.runId));
      let cycle: Cycle;
      if (contender === 'bare') cycle = await bareCycle(target, set, concurrency);
      else if (contender === 'syncprims') cycle = await syncprimsCycle(target, set, files, concurrency);
      else cycle = await kubectlCycle(target, set, files);
      for (const step of ['first', 'noop', 'prune'] as const) runs[contender][step].push(cycle[step]);
    }
  }
  return { size, repetitions, runs };
}

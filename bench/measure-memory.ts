import { join } from 'node:path';
import { isFailure, type MemoryResult, type Outcome, type SizeResult } from './bench-report.js';
import type { BenchTarget } from './bench-target.js';
import { generateSet } from './generate-set.js';
import { measureStep } from './measure-step.js';
import { runChild, runDistBaseline } from './run-child.js';
import { writeSet } from './write-set.js';

/**
 * Peak RSS of each contender for one first apply of a fresh `size`-object set, each in its own
 * process: syncprims and the bare loop as `node --import tsx bench/child-*.ts`
 * (`process.resourceUsage().maxRSS`); kubectl from the same size's first apply
 * (`/usr/bin/time -f %M`, its largest invocation).
 */
export async function measureMemory(target: BenchTarget, size: number, concurrency: number, sized: SizeResult | undefined): Promise<MemoryResult> {
  target.log(`memory: ${size} objects, one child process per contender`);
  const sSet = generateSet({ size, runId: `${target.token}-m${size}s` });
  const sFiles = await writeSet(sSet, join(target.workDir, sSet.runId));
  const syncprims = await measureStep(target, 'syncprims child', async () => {
    const r = await runChild('child-syncprims', ['--kubeconfig', target.kubeconfig, '--dir', sFiles.full, '--name', `bench-${sSet.runId}`, '--concurrency', String(concurrency)]);
    return { ms: r.ms, maxRssKb: r.maxRssKb, ...(r.requests ? { client: r.requests } : {}) };
  });
  const bSet = generateSet({ size, runId: `${target.token}-m${size}b` });
  const bFiles = await writeSet(bSet, join(target.workDir, bSet.runId));
  const bare = await measureStep(target, 'bare loop child', async () => {
    const r = await runChild('child-bare', ['--kubeconfig', target.kubeconfig, '--set', bFiles.setJson, '--concurrency', String(concurrency)]);
    return { ms: r.ms, maxRssKb: r.maxRssKb, ...(r.requests ? { client: r.requests } : {}) };
  });
  const nodeBaseline = await measureStep(target, 'node baseline child', async () => {
    const r = await runChild('child-baseline', []);
    return { ms: r.ms, maxRssKb: r.maxRssKb };
  });
  const distBaseline = await measureStep(target, 'node + dist baseline', async () => {
    const r = await runDistBaseline();
    if (!r) throw new Error('n/a: the package is not built (npm run build)');
    return { ms: r.ms, maxRssKb: r.maxRssKb };
  });
  const kFirst = sized?.runs.kubectl.first[0];
  const kubectl: Outcome =
    kFirst === undefined
      ? { error: 'kubectl did not run' }
      : isFailure(kFirst)
        ? kFirst
        : kFirst.maxRssKb === undefined
          ? { error: 'n/a: /usr/bin/time not found' }
          : kFirst;
  return { size, syncprims, bare, kubectl, nodeBaseline, distBaseline };
}

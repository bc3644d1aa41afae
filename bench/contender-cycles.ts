import { isFailure, type Outcome, type Step } from './bench-report.js';
import type { BenchSet } from './bench-set.js';
import type { BenchTarget } from './bench-target.js';
import { prepareBareApply, runBareApply } from './bare-ssa-loop.js';
import { prepareBareDelete, runBareDelete } from './bare-delete-loop.js';
import { kubectlDeleteRemoved, kubectlFirstApply, kubectlReapply, type KubectlRun } from './kubectl-contender.js';
import { measureStep, skipped, type StepFigures } from './measure-step.js';
import { countMutating } from './request-counts.js';
import { loadRestEndpoint } from './rest-endpoint.js';
import { discoverMapping } from './rest-mapping.js';
import { runSyncprimsPass, type SyncprimsRun } from './syncprims-contender.js';
import { splitHalf, type SetFiles } from './write-set.js';

/** The three steps of one contender on one fresh set: first apply, no-op re-apply, prune of half. */
export type Cycle = Record<Step, Outcome>;

const afterFailure = (first: Outcome): Cycle => ({ first, noop: skipped('the first apply failed'), prune: skipped('the first apply failed') });

/** The limit: a bare concurrent SSA loop (no-op = the same PATCHes again; prune = bare DELETEs). */
export async function bareCycle(target: BenchTarget, set: BenchSet, concurrency: number): Promise<Cycle> {
  const endpoint = await loadRestEndpoint(target.kubeconfig, concurrency);
  try {
    const mapping = await discoverMapping(endpoint, set);
    const prepared = await prepareBareApply(endpoint, set, mapping);
    const deletes = prepareBareDelete(mapping, splitHalf(set.objects).removed);
    const run = async (): Promise<StepFigures> => {
      const r = await runBareApply(endpoint, prepared, concurrency);
      return { ms: r.ms, client: r.requests };
    };
    const first = await measureStep(target, 'bare first apply', run);
    if (isFailure(first)) return afterFailure(first);
    const noop = await measureStep(target, 'bare re-apply (same PATCHes)', run);
    const prune = await measureStep(target, 'bare delete of half', async () => {
      const r = await runBareDelete(endpoint, deletes, concurrency);
      return { ms: r.ms, client: r.requests };
    });
    return { first, noop, prune };
  } finally {
    endpoint.agent.destroy();
  }
}

function syncprimsFigures(r: SyncprimsRun): StepFigures {
  return { ms: r.ms, client: r.requests, actions: r.actions };
}

/** syncprims `Sync` (wait: false): first apply, no-op re-sync and prune, each from a fresh `Cluster`. */
export async function syncprimsCycle(target: BenchTarget, set: BenchSet, files: SetFiles, concurrency: number): Promise<Cycle> {
  const name = `bench-${set.runId}`;
  const total = set.prerequisites.length + set.objects.length;
  const pass = (dir: string) => async () => syncprimsFigures(await runSyncprimsPass({ kubeconfig: target.kubeconfig, name, dir, concurrency }));
  const first = await measureStep(target, 'syncprims first apply', pass(files.full));
  if (isFailure(first)) return afterFailure(first);
  if ((first.actions?.created ?? 0) !== total) target.notes.push(`syncprims first apply of ${name}: expected ${total} created, got ${JSON.stringify(first.actions)}`);
  const noop = await measureStep(target, 'syncprims no-op re-sync', pass(files.full));
  if (!isFailure(noop)) {
    const writes = countMutating(noop.client ?? {});
    if (writes !== 0) target.notes.push(`syncprims no-op of ${name} (${total} objects): ${writes} mutating requests ${JSON.stringify(noop.client)} (goal 0)`);
    if ((noop.actions?.unchanged ?? 0) !== total) target.notes.push(`syncprims no-op of ${name}: expected ${total} unchanged, got ${JSON.stringify(noop.actions)}`);
  }
  const prune = await measureStep(target, 'syncprims prune of half', pass(files.half));
  const removed = splitHalf(set.objects).removed.length;
  if (!isFailure(prune) && (prune.actions?.pruned ?? 0) !== removed) target.notes.push(`syncprims prune of ${name}: expected ${removed} pruned, got ${JSON.stringify(prune.actions)}`);
  return { first, noop, prune };
}

function kubectlFigures(r: KubectlRun): StepFigures {
  return { ms: r.ms, ...(r.maxRssKb !== undefined ? { maxRssKb: r.maxRssKb } : {}) };
}

/** `kubectl apply --server-side`: first apply (prerequisites, wait, rest), re-apply, `kubectl delete -f` of half. */
export async function kubectlCycle(target: BenchTarget, set: BenchSet, files: SetFiles): Promise<Cycle> {
  const kubectl = target.kubectl;
  if (!kubectl) return { first: skipped('kubectl not available'), noop: skipped('kubectl not available'), prune: skipped('kubectl not available') };
  const first = await measureStep(target, 'kubectl first apply', async () => kubectlFigures(await kubectlFirstApply(kubectl, files, set.customKind)));
  if (isFailure(first)) return afterFailure(first);
  const noop = await measureStep(target, 'kubectl re-apply', async () => kubectlFigures(await kubectlReapply(kubectl, files)));
  const prune = await measureStep(target, 'kubectl delete -f of half', async () => kubectlFigures(await kubectlDeleteRemoved(kubectl, files)));
  return { first, noop, prune };
}

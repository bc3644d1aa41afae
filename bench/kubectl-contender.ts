import type { BenchCustomKind } from './bench-set.js';
import { runCommand, type CommandRun } from './run-command.js';
import type { SetFiles } from './write-set.js';

/** The field manager kubectl applies with. */
export const KUBECTL_FIELD_MANAGER = 'kubectl-bench';

/** Where and how kubectl runs. */
export interface KubectlTarget {
  readonly kubeconfig: string;
  /** kubectl's discovery cache folder (`--cache-dir`), shared by the whole run: a warm cache, as on a user's machine. */
  readonly cacheDir: string;
}

/** A timed kubectl step: one or more invocations. */
export interface KubectlRun {
  readonly ms: number;
  /** The largest peak RSS of the invocations, in KiB (undefined without `/usr/bin/time`). */
  readonly maxRssKb?: number;
  readonly invocations: number;
}

/** `kubectl version --client` (first line), or undefined when kubectl is not on PATH. */
export async function kubectlVersion(): Promise<string | undefined> {
  try {
    const run = await runCommand('kubectl', ['version', '--client'], { keepStdout: true });
    return run.exitCode === 0 ? run.stdout.split('\n')[0]?.trim() : undefined;
  } catch {
    return undefined;
  }
}

async function kubectl(target: KubectlTarget, args: readonly string[]): Promise<CommandRun> {
  const run = await runCommand('kubectl', ['--kubeconfig', target.kubeconfig, '--cache-dir', target.cacheDir, ...args], { measureRss: true });
  if (run.exitCode !== 0) throw new Error(`kubectl ${args.slice(0, 2).join(' ')} exited with ${run.exitCode}: ${run.stderrTail.trim().split('\n').slice(-3).join(' | ')}`);
  return run;
}

async function sequence(target: KubectlTarget, steps: readonly (readonly string[])[]): Promise<KubectlRun> {
  let ms = 0;
  let maxRssKb: number | undefined;
  for (const args of steps) {
    const run = await kubectl(target, args);
    ms += run.ms;
    if (run.maxRssKb !== undefined) maxRssKb = Math.max(maxRssKb ?? 0, run.maxRssKb);
  }
  return { ms, invocations: steps.length, ...(maxRssKb !== undefined ? { maxRssKb } : {}) };
}

const APPLY = ['apply', '--server-side', `--field-manager=${KUBECTL_FIELD_MANAGER}`];

/**
 * First apply the way a kubectl user must do it with a CRD and its custom resources in one set:
 * apply the prerequisites, `kubectl wait` for the CRD to be Established, apply the rest.
 */
export function kubectlFirstApply(target: KubectlTarget, files: SetFiles, kind: BenchCustomKind | undefined): Promise<KubectlRun> {
  return sequence(target, [
    [...APPLY, '-f', files.fullPrerequisites],
    ...(kind ? [['wait', '--for=condition=Established', '--timeout=60s', `customresourcedefinition/${kind.crdName}`]] : []),
    [...APPLY, '-R', '-f', files.fullObjects],
  ]);
}

/** Re-applies the whole unchanged set in one invocation. */
export function kubectlReapply(target: KubectlTarget, files: SetFiles): Promise<KubectlRun> {
  return sequence(target, [[...APPLY, '-R', '-f', files.full]]);
}

/** Deletes the removed half (`kubectl delete -R -f`, no wait): what a kubectl user does instead of prune. */
export function kubectlDeleteRemoved(target: KubectlTarget, files: SetFiles): Promise<KubectlRun> {
  return sequence(target, [['delete', '--wait=false', '-R', '-f', files.removed]]);
}

import type { BenchRow } from './dag.js';
import type { MachineInfo } from './machine-info.js';
import type { RequestCounts } from './request-counts.js';

/** The contenders. */
export type Contender = 'syncprims' | 'kubectl' | 'bare';

/** The timed steps of a contender's cycle on one set. */
export type Step = 'first' | 'noop' | 'prune';

/** One timed step of one contender. */
export interface Measurement {
  readonly ms: number;
  /** Requests the API server counted during the step (`apiserver_request_total`, by verb). */
  readonly server: RequestCounts;
  /** Requests the contender itself counted, by HTTP method (syncprims: `KubeClient.stats`). */
  readonly client?: RequestCounts;
  /** Peak RSS of the process, KiB (kubectl via `/usr/bin/time`). */
  readonly maxRssKb?: number;
  /** syncprims: changes by action. */
  readonly actions?: Readonly<Record<string, number>>;
}

/** A step that failed: the reason, kept in the report instead of a figure. */
export interface Failure {
  readonly error: string;
}

export type Outcome = Measurement | Failure;

/** Every repetition of every step of every contender for one set size. */
export interface SizeResult {
  readonly size: number;
  readonly repetitions: number;
  /** `runs[contender][step]`: one outcome per repetition. */
  readonly runs: Readonly<Record<Contender, Readonly<Record<Step, readonly Outcome[]>>>>;
}

/** The Bar of issue 3: first apply of N ConfigMaps, syncprims vs the bare loop, one outcome per round. */
export interface BarResult {
  readonly configMaps: number;
  readonly syncprims: readonly Outcome[];
  readonly bare: readonly Outcome[];
}

/** One point of the concurrency sweep: one outcome per repetition. */
export interface SweepPoint {
  readonly concurrency: number;
  readonly syncprims: readonly Outcome[];
  readonly bare: readonly Outcome[];
}

/** Peak RSS of each contender in its own process, for one first apply of the largest set. */
export interface MemoryResult {
  readonly size: number;
  readonly syncprims: Outcome;
  readonly bare: Outcome;
  /** kubectl's largest invocation of the same size's first apply (`/usr/bin/time -f %M`). */
  readonly kubectl: Outcome;
  /** `node --import tsx` loading the SDK and exiting: the floor under both Node contenders. */
  readonly nodeBaseline: Outcome;
  /** Plain `node` importing the built package: the floor of an application using syncprims. */
  readonly distBaseline: Outcome;
}

/** The whole report (`bench/results/<timestamp>.json`). */
export interface BenchReport {
  readonly startedAt: string;
  readonly durationS: number;
  readonly machine: MachineInfo;
  /** Mean and max of the 1-minute load average sampled every 10 s during the run (2 cores: above 2 means queueing). */
  readonly loadDuringRun: { readonly mean: number; readonly max: number };
  readonly apiServer: string;
  readonly kubectl: string;
  readonly concurrency: number;
  readonly sizes: readonly SizeResult[];
  readonly bar?: BarResult;
  readonly sweepSize: number;
  readonly sweep: readonly SweepPoint[];
  readonly recommendedConcurrency?: { readonly value: number; readonly reason: string };
  readonly memory?: MemoryResult;
  readonly dag?: { readonly rows: readonly BenchRow[] } | Failure;
  readonly readiness?: { readonly rows: readonly BenchRow[] } | Failure;
  readonly notes: readonly string[];
}

/** True for a failed step. */
export function isFailure<T extends object>(o: T | Failure | undefined): o is Failure {
  return o !== undefined && 'error' in o;
}

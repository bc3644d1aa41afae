import { parseArgs } from 'node:util';
import { DEFAULT_CONCURRENCY } from '../src/index.js';

/** The command line of `npm run bench` (see `--help`). */
export interface BenchArgs {
  /** Set sizes (objects per set). @default [100, 1000, 5000]; `--quick`: [100, 1000] */
  readonly sizes: readonly number[];
  /** Where the JSON and markdown reports go. @default 'bench/results' */
  readonly out: string;
  /** Repetitions per size and rounds of the sweep (median reported); sets above 1,000 objects run once. @default 3 */
  readonly repeat: number;
  /** Concurrency of syncprims and of the bare loop in the comparison. @default DEFAULT_CONCURRENCY */
  readonly concurrency: number;
  /** Concurrencies of the sweep (first apply of `sweepSize` objects); empty skips it. @default [4, 8, 16, 32, 64] */
  readonly sweep: readonly number[];
  /** Objects per sweep run. @default 1000 */
  readonly sweepSize: number;
  /** Use this cluster instead of starting a fleet. @default undefined (start a one-cluster fleet) */
  readonly kubeconfig?: string;
  /** Folder with etcd and kube-apiserver for the fleet. @default the fleet's own (`ensureBinaries()`) */
  readonly binDir?: string;
  /** Skip kubectl even when it is on PATH. @default false */
  readonly noKubectl: boolean;
  /** Skip the child-process memory runs. @default false */
  readonly noMemory: boolean;
  /** Skip the dag benchmark. @default false */
  readonly noDag: boolean;
}

/** The `--help` text. */
export const BENCH_USAGE = `npm run bench -- [options]
  --sizes 100,1000,5000   set sizes (objects per set, Namespaces and the CRD included)
  --quick                 sizes 100,1000
  --out DIR               report folder (default bench/results)
  --repeat N              runs per size up to 1,000 objects and sweep rounds, median reported (default 3)
  --concurrency N         syncprims and bare-loop concurrency (default: DEFAULT_CONCURRENCY)
  --sweep 4,8,16,32,64    concurrency sweep of a first apply; --sweep none to skip
  --sweep-size N          objects per sweep run (default 1000)
  --kubeconfig PATH       use this cluster instead of starting a fleet
  --bin-dir DIR           etcd + kube-apiserver folder for the fleet
  --no-kubectl --no-memory --no-dag   skip those parts`;

function intList(text: string, flag: string): number[] {
  const list = text.split(',').map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${flag}: expected a comma-separated list of positive integers, got ${JSON.stringify(text)}`);
  return list;
}

function positive(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

/** Parses the bench's command line; throws a readable `Error` for bad flags. Returns undefined for `--help`. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench/results' },
      repeat: { type: 'string' },
      concurrency: { type: 'string' },
      sweep: { type: 'string' },
      'sweep-size': { type: 'string' },
      kubeconfig: { type: 'string' },
      'bin-dir': { type: 'string' },
      'no-kubectl': { type: 'boolean', default: false },
      'no-memory': { type: 'boolean', default: false },
      'no-dag': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  if (values.quick && values.sizes) throw new Error('--quick and --sizes exclude each other');
  const sizes = values.sizes ? intList(values.sizes, '--sizes') : values.quick ? [100, 1000] : [100, 1000, 5000];
  if (sizes.some((s) => s < 10)) throw new Error('--sizes: each set needs at least 10 objects');
  return {
    sizes,
    out: values.out,
    repeat: positive(values.repeat, '--repeat', 3),
    concurrency: positive(values.concurrency, '--concurrency', DEFAULT_CONCURRENCY),
    sweep: values.sweep === 'none' ? [] : values.sweep ? intList(values.sweep, '--sweep') : [4, 8, 16, 32, 64],
    sweepSize: positive(values['sweep-size'], '--sweep-size', 1000),
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(values['bin-dir'] ? { binDir: values['bin-dir'] } : {}),
    noKubectl: values['no-kubectl'],
    noMemory: values['no-memory'],
    noDag: values['no-dag'],
  };
}

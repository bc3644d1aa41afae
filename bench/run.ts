// `npm run bench`: syncprims vs `kubectl apply --server-side` vs a bare SSA loop, on a local
// fleet it starts itself. Prints a markdown report and writes bench/results/<timestamp>.json
// and bench/results/latest.md. Options: `npm run bench -- --help`.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_USAGE, parseBenchArgs } from './bench-args.js';
import type { BenchReport, MemoryResult, SizeResult } from './bench-report.js';
import { benchConfigMapBar } from './bench-configmap-bar.js';
import { benchSize } from './bench-size.js';
import type { BenchTarget } from './bench-target.js';
import { benchDag } from './dag.js';
import { benchReadiness } from './readiness-latency.js';
import { kubectlVersion } from './kubectl-contender.js';
import { describeMachine } from './machine-info.js';
import { measureMemory } from './measure-memory.js';
import { readServerVersion } from './read-server-version.js';
import { loadRestEndpoint, type RestEndpoint } from './rest-endpoint.js';
import { startBenchCluster } from './start-bench-cluster.js';
import { chooseConcurrency, sweepConcurrency } from './sweep-concurrency.js';
import { writeReport } from './write-report.js';

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (!args) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return;
  }
  const t0 = performance.now();
  const log = (line: string): void => {
    process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);
  };
  const startedAt = new Date().toISOString();
  const loads: number[] = [];
  const sampler = setInterval(() => loads.push(loadavg()[0] ?? 0), 10_000);
  sampler.unref();
  const machine = describeMachine();
  const kubectl = args.noKubectl ? undefined : await kubectlVersion();
  const notes: string[] = [];
  if (!kubectl && !args.noKubectl) notes.push('kubectl not found on PATH: kubectl skipped (on Debian: `apt-get install kubernetes-client`).');
  log(`kubectl: ${kubectl ?? 'not used'}`);

  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  const workDir = await mkdtemp(join(tmpdir(), 'syncprims-bench-'));
  const cluster = await startBenchCluster({ log, signal: controller.signal, ...(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {}), ...(args.binDir ? { binDir: args.binDir } : {}) });
  let observer: RestEndpoint | undefined;
  let completed = false;
  try {
    observer = await loadRestEndpoint(cluster.kubeconfig, 1);
    const apiServer = await readServerVersion(observer);
    log(`API server ${apiServer}, kubeconfig ${cluster.kubeconfig}`);
    const target: BenchTarget = {
      kubeconfig: cluster.kubeconfig,
      observer,
      workDir,
      token: randomBytes(3).toString('hex').replace(/^[0-9]/, 'x'),
      ...(kubectl ? { kubectl: { kubeconfig: cluster.kubeconfig, cacheDir: join(workDir, 'kubectl-cache') } } : {}),
      log,
      notes,
    };

    const sizes: SizeResult[] = [];
    for (const size of args.sizes) {
      controller.signal.throwIfAborted();
      sizes.push(await benchSize(target, size, args.repeat, args.concurrency));
    }
    const bar = await benchConfigMapBar(target, args.concurrency, args.repeat);
    const sweep = args.sweep.length > 0 ? await sweepConcurrency(target, args.sweepSize, args.sweep, args.repeat) : [];
    const recommended = chooseConcurrency(sweep, args.concurrency);
    const largest = Math.max(...args.sizes);
    let memory: MemoryResult | undefined;
    if (!args.noMemory) memory = await measureMemory(target, largest, args.concurrency, sizes.find((s) => s.size === largest));
    let dag: BenchReport['dag'];
    if (!args.noDag) {
      log('dag: bench/dag.ts benchDag()');
      try {
        dag = { rows: await benchDag() };
      } catch (err) {
        dag = { error: err instanceof Error ? err.message : String(err) };
      }
    }
    log('readiness: bench/readiness-latency.ts benchReadiness()');
    let readiness: BenchReport['readiness'];
    try {
      readiness = { rows: await benchReadiness(cluster.kubeconfig) };
    } catch (err) {
      readiness = { error: err instanceof Error ? err.message : String(err) };
    }
    const report: BenchReport = {
      startedAt,
      durationS: (performance.now() - t0) / 1000,
      machine,
      loadDuringRun: {
        mean: Math.round((loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)) * 100) / 100,
        max: Math.round(Math.max(0, ...loads) * 100) / 100,
      },
      apiServer,
      kubectl: kubectl ?? 'not used',
      concurrency: args.concurrency,
      sizes,
      bar,
      sweepSize: args.sweepSize,
      sweep,
      ...(recommended ? { recommendedConcurrency: recommended } : {}),
      ...(memory ? { memory } : {}),
      ...(dag ? { dag } : {}),
      readiness,
      notes,
    };
    const written = await writeReport(report, args.out);
    process.stdout.write(written.text);
    log(`wrote ${written.json} and ${written.markdown}`);
    completed = true;
  } finally {
    clearInterval(sampler);
    process.off('SIGINT', onSigint);
    observer?.agent.destroy();
    await cluster.stop({ keepFiles: !completed });
    if (!completed && cluster.dir) log(`fleet files (API server and etcd logs) kept in ${cluster.dir}`);
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});

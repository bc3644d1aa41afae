import { isFailure, type BenchReport, type Contender, type Outcome, type SizeResult, type Step } from './bench-report.js';
import { countAll, countMutating } from './request-counts.js';
import { medianOf, pairedRatio, spreadOf } from './summarize.js';

/** The bare-loop ratio the issue sets as the goal for a first apply. */
export const BARE_RATIO_GOAL = 1.3;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mib = (kb: number): string => `${(kb / 1024).toFixed(0)} MiB`;
const fail = (o: Outcome): string => (isFailure(o) ? `error: ${o.error.replace(/\|/g, '/').slice(0, 80)}` : '');

function time(outcomes: readonly Outcome[]): string {
  const m = medianOf(outcomes);
  if (m === undefined) return '–';
  if (isFailure(m)) return fail(m);
  const spread = spreadOf(outcomes);
  return spread ? `${seconds(m.ms)} (${spread})` : seconds(m.ms);
}

function ratio(a: readonly Outcome[], b: readonly Outcome[]): string {
  const r = pairedRatio(a, b);
  return r === undefined ? '–' : `${r.toFixed(2)}x`;
}

function requests(o: Outcome | undefined): string {
  if (!o || isFailure(o)) return '–';
  const writes = countMutating(o.server);
  return `${writes} / ${countAll(o.server) - writes}`;
}

/** One step of one size: every contender's runs and median. */
interface StepRuns {
  readonly runs: Readonly<Record<Contender, readonly Outcome[]>>;
  readonly median: Readonly<Record<Contender, Outcome | undefined>>;
}

function stepOf(s: SizeResult, step: Step): StepRuns {
  const runs = { syncprims: s.runs.syncprims[step], kubectl: s.runs.kubectl[step], bare: s.runs.bare[step] };
  return { runs, median: { syncprims: medianOf(runs.syncprims), kubectl: medianOf(runs.kubectl), bare: medianOf(runs.bare) } };
}

function firstApplyTable(r: BenchReport): string[] {
  const rows = r.sizes.map((s) => {
    const { runs, median } = stepOf(s, 'first');
    const toBare = pairedRatio(runs.syncprims, runs.bare);
    const goal = toBare === undefined ? '–' : toBare <= BARE_RATIO_GOAL ? 'yes' : '**no**';
    return `| ${s.size} | ${time(runs.syncprims)} | ${time(runs.kubectl)} | ${time(runs.bare)} | ${ratio(runs.syncprims, runs.kubectl)} | ${ratio(runs.syncprims, runs.bare)} | ${goal} | ${requests(median.syncprims)} | ${requests(median.kubectl)} | ${requests(median.bare)} |`;
  });
  return [
    '### First apply',
    '',
    `| objects | syncprims | kubectl | bare loop | syncprims/kubectl | syncprims/bare | within ${BARE_RATIO_GOAL}x of bare | requests syncprims (writes / reads) | kubectl | bare |`,
    '|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|',
    ...rows,
  ];
}

function noopTable(r: BenchReport): string[] {
  const rows = r.sizes.map((s) => {
    const { runs, median } = stepOf(s, 'noop');
    const sp = median.syncprims;
    const mutating = sp && !isFailure(sp) ? String(countMutating(sp.client ?? {})) : '–';
    const reads = sp && !isFailure(sp) ? String(countAll(sp.client ?? {}) - countMutating(sp.client ?? {})) : '–';
    return `| ${s.size} | ${time(runs.syncprims)} | ${mutating} | ${reads} | ${time(runs.kubectl)} | ${requests(median.kubectl)} | ${time(runs.bare)} | ${ratio(runs.syncprims, runs.kubectl)} | ${ratio(runs.syncprims, runs.bare)} |`;
  });
  return [
    '### No-op re-sync of the same set',
    '',
    '| objects | syncprims | syncprims mutating requests (goal 0) | syncprims reads | kubectl re-apply | kubectl requests (writes / reads) | bare loop re-PATCH | syncprims/kubectl | syncprims/bare |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ];
}

function pruneTable(r: BenchReport): string[] {
  const rows = r.sizes.map((s) => {
    const { runs, median } = stepOf(s, 'prune');
    const sp = median.syncprims;
    const pruned = sp && !isFailure(sp) ? String(sp.actions?.pruned ?? 0) : '–';
    return `| ${s.size} | ${pruned} | ${time(runs.syncprims)} | ${requests(sp)} | ${time(runs.kubectl)} | ${time(runs.bare)} | ${ratio(runs.syncprims, runs.kubectl)} | ${ratio(runs.syncprims, runs.bare)} |`;
  });
  return [
    '### Prune of half the set',
    '',
    '| objects | pruned | syncprims (prune pass) | syncprims requests (writes / reads) | kubectl delete -f | bare DELETE loop | syncprims/kubectl | syncprims/bare |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ];
}

function barTable(r: BenchReport): string[] {
  const b = r.bar;
  if (!b) return [];
  const toBare = pairedRatio(b.syncprims, b.bare);
  const goal = toBare === undefined ? '–' : toBare <= BARE_RATIO_GOAL ? 'yes' : '**no**';
  return [
    `### Bar of issue 3: first apply of ${b.configMaps} ConfigMaps, median of ${b.syncprims.length} rounds`,
    '',
    `| ConfigMaps | syncprims | bare loop | syncprims/bare | within ${BARE_RATIO_GOAL}x |`,
    '|---:|---:|---:|---:|:---:|',
    `| ${b.configMaps} | ${time(b.syncprims)} | ${time(b.bare)} | ${ratio(b.syncprims, b.bare)} | ${goal} |`,
  ];
}

function memoryTable(r: BenchReport): string[] {
  const m = r.memory;
  if (!m) return [];
  const row = (label: string, o: Outcome, wall: boolean): string =>
    isFailure(o) ? `| ${label} | ${o.error} | – |` : `| ${label} | ${o.maxRssKb !== undefined ? mib(o.maxRssKb) : 'n/a'} | ${wall ? seconds(o.ms) : '–'} |`;
  return [
    `### Peak RSS, first apply of ${m.size} objects, one process per contender`,
    '',
    '| contender | peak RSS | wall time in that process |',
    '|---|---:|---:|',
    row('syncprims (`node --import tsx`)', m.syncprims, true),
    row('kubectl (largest invocation)', m.kubectl, true),
    row('bare loop (`node --import tsx`)', m.bare, true),
    row('floor: `node --import tsx` loading the SDK sources', m.nodeBaseline, false),
    row('floor: plain `node` importing the built package (dist)', m.distBaseline, false),
  ];
}

function sweepTable(r: BenchReport): string[] {
  if (r.sweep.length === 0) return [];
  const rows = r.sweep.map((p) => {
    const [sp, b] = [medianOf(p.syncprims), medianOf(p.bare)];
    const rate = (o: Outcome | undefined): string => (o && !isFailure(o) ? String(Math.round(r.sweepSize / (o.ms / 1000))) : '–');
    return `| ${p.concurrency} | ${time(p.syncprims)} | ${time(p.bare)} | ${ratio(p.syncprims, p.bare)} | ${rate(sp)} | ${rate(b)} |`;
  });
  const chosen = r.recommendedConcurrency ? `Recommended default concurrency: **${r.recommendedConcurrency.value}** (${r.recommendedConcurrency.reason}).` : 'No recommendation: every syncprims point failed.';
  return [
    `### Concurrency sweep: first apply of ${r.sweepSize} objects, median of ${r.sweep[0]?.syncprims.length ?? 0} rounds`,
    '',
    '| concurrency | syncprims | bare loop | syncprims/bare | syncprims objects/s | bare objects/s |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    chosen,
  ];
}

function readinessTable(r: BenchReport): string[] {
  if (!r.readiness) return [];
  if (isFailure(r.readiness)) return ['### Readiness', '', `readiness benchmark failed: ${r.readiness.error}`];
  return [
    '### Readiness latency (bench/readiness-latency.ts)',
    '',
    '| benchmark | value | unit | note |',
    '|---|---:|---|---|',
    ...r.readiness.rows.map((row) => `| ${row.name} | ${row.value} | ${row.unit} | ${row.note ?? ''} |`),
  ];
}

function dagTable(r: BenchReport): string[] {
  if (!r.dag) return [];
  if (isFailure(r.dag)) return ['### dag', '', `dag benchmark failed: ${r.dag.error}`];
  const rows = r.dag.rows;
  if (rows.length === 0) return ['### dag', '', 'dag benchmark returned no rows.'];
  const cell = (v: string): string => v.replace(/\|/g, '/');
  return [
    '### dag scheduling (bench/dag.ts, in-process, no cluster)',
    '',
    '| benchmark | value | unit | note |',
    '|---|---:|---|---|',
    ...rows.map((row) => `| ${cell(row.name)} | ${row.value} | ${cell(row.unit)} | ${cell(row.note ?? '')} |`),
  ];
}

/** Renders the report as markdown: the environment, one table per benchmark, the notes. */
export function formatReport(r: BenchReport): string {
  const m = r.machine;
  const lines = [
    `## syncprims benchmark, ${r.startedAt}`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}; 1-min load average at start ${m.loadAtStart}, during the run ${r.loadDuringRun.mean} on average (max ${r.loadDuringRun.max}). The API server, etcd and the contenders share these cores.`,
    `- API server: ${r.apiServer} (local fleet, one cluster, no controller-manager; etcd with --unsafe-no-fsync). kubectl: ${r.kubectl}.`,
    `- Concurrency of syncprims and the bare loop: ${r.concurrency}. syncprims runs \`wait: false\` (kubectl does not wait for readiness either) and \`prune: true\`; each pass uses a fresh \`Cluster\` (cold connections and discovery).`,
    '- Ratios are the median of per-round ratios (a round runs the contenders back to back), which cancels slow phases of the machine better than a ratio of medians.',
    `- Sets up to 1,000 objects: median of ${Math.max(...r.sizes.map((s) => s.repetitions), 1)} runs, (min–max) in seconds; larger sets: one run. Every run applies a fresh set (own namespaces and CRD) on the same cluster.`,
    `- Requests are counted by the API server (\`apiserver_request_total\`, JSON resource requests); "writes" are create/update/patch/apply/delete.`,
    `- Whole run: ${r.durationS.toFixed(0)} s.`,
    '',
    ...firstApplyTable(r),
    '',
    ...noopTable(r),
    '',
    ...pruneTable(r),
    '',
    ...barTable(r),
    '',
    ...memoryTable(r),
    '',
    ...sweepTable(r),
    '',
    ...dagTable(r),
    '',
    ...readinessTable(r),
  ];
  if (r.notes.length > 0) lines.push('', '### Notes', '', ...r.notes.map((n) => `- ${n}`));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

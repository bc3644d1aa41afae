// Child process: the bare SSA loop over a generated set, then prints its peak RSS.
// Usage: node --import tsx bench/child-bare.ts --kubeconfig K --set set.json --concurrency C
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { BenchSet } from './bench-set.js';
import { prepareBareApply, runBareApply } from './bare-ssa-loop.js';
import { printChildResult } from './child-result.js';
import { loadRestEndpoint } from './rest-endpoint.js';

const { values } = parseArgs({ options: { kubeconfig: { type: 'string' }, set: { type: 'string' }, concurrency: { type: 'string' } } });
if (!values.kubeconfig || !values.set || !values.concurrency) throw new Error('usage: child-bare --kubeconfig K --set set.json --concurrency C');
const concurrency = Number(values.concurrency);
// The set file was written by the bench itself (bench/write-set.ts), not by a third party.
const set = JSON.parse(await readFile(values.set, 'utf8')) as BenchSet;
const endpoint = await loadRestEndpoint(values.kubeconfig, concurrency);
const prepared = await prepareBareApply(endpoint, set);
const run = await runBareApply(endpoint, prepared, concurrency);
endpoint.agent.destroy();
printChildResult({ ms: run.ms, requests: run.requests, maxRssKb: process.resourceUsage().maxRSS });

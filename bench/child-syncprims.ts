// Child process: one first-apply `Sync` pass, then prints its peak RSS.
// Usage: node --import tsx bench/child-syncprims.ts --kubeconfig K --dir D --name N --concurrency C
import { parseArgs } from 'node:util';
import { printChildResult } from './child-result.js';
import { runSyncprimsPass } from './syncprims-contender.js';

const { values } = parseArgs({ options: { kubeconfig: { type: 'string' }, dir: { type: 'string' }, name: { type: 'string' }, concurrency: { type: 'string' } } });
if (!values.kubeconfig || !values.dir || !values.name || !values.concurrency) throw new Error('usage: child-syncprims --kubeconfig K --dir D --name N --concurrency C');
const run = await runSyncprimsPass({ kubeconfig: values.kubeconfig, dir: values.dir, name: values.name, concurrency: Number(values.concurrency) });
printChildResult({ ms: run.ms, requests: run.requests, maxRssKb: process.resourceUsage().maxRSS });

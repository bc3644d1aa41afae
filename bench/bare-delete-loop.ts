import { performance } from 'node:perf_hooks';
import type { KubeObject } from '../src/index.js';
import type { TimedRun } from './bare-ssa-loop.js';
import type { RestEndpoint } from './rest-endpoint.js';
import { objectPath, type RestMapping } from './rest-mapping.js';
import { runConcurrently } from './run-concurrently.js';
import { sendOk, type BenchRequest } from './send-request.js';

/** Builds one DELETE (background propagation) per object; done before timing. */
export function prepareBareDelete(mapping: RestMapping, objects: readonly KubeObject[]): BenchRequest[] {
  return objects.map((o) => ({ method: 'DELETE', path: `${objectPath(mapping, o)}?propagationPolicy=Background` }));
}

/** The limit of a prune: concurrent DELETEs with no logic (no ownership check, no inventory). */
export async function runBareDelete(endpoint: RestEndpoint, requests: readonly BenchRequest[], concurrency: number): Promise<TimedRun> {
  const start = performance.now();
  await runConcurrently(requests, concurrency, async (req) => {
    await sendOk(endpoint, req);
  });
  return { ms: performance.now() - start, requests: { DELETE: requests.length } };
}

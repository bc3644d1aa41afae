import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { KubeObject } from '../src/index.js';
import type { BenchSet } from './bench-set.js';
import type { RequestCounts } from './request-counts.js';
import type { RestEndpoint } from './rest-endpoint.js';
import { discoverMapping, objectPath, type RestMapping } from './rest-mapping.js';
import { runConcurrently } from './run-concurrently.js';
import { sendRequest, type BenchRequest } from './send-request.js';
import { waitCrdEstablished } from './wait-crd-established.js';

/** The field manager of the bare loop. */
export const BARE_FIELD_MANAGER = 'bare-bench';

/** Requests ready to send: discovery and serialization happen before timing starts. */
export interface PreparedApply {
  readonly prerequisites: readonly BenchRequest[];
  readonly objects: readonly BenchRequest[];
  /** The CRD to wait for between the two stages, if the set has one. */
  readonly crdName?: string;
}

/** Wall time and requests of one timed bench step. */
export interface TimedRun {
  readonly ms: number;
  /** Requests sent, by HTTP method. */
  readonly requests: RequestCounts;
}

function applyRequest(mapping: RestMapping, obj: KubeObject): BenchRequest {
  return {
    method: 'PATCH',
    path: `${objectPath(mapping, obj)}?fieldManager=${BARE_FIELD_MANAGER}`,
    body: Buffer.from(JSON.stringify(obj)),
    contentType: 'application/apply-patch+yaml',
  };
}

/** Discovers the set's resources and serializes one server-side apply PATCH per object. */
export async function prepareBareApply(endpoint: RestEndpoint, set: BenchSet, mapping?: RestMapping): Promise<PreparedApply> {
  const m = mapping ?? (await discoverMapping(endpoint, set));
  return {
    prerequisites: set.prerequisites.map((o) => applyRequest(m, o)),
    objects: set.objects.map((o) => applyRequest(m, o)),
    ...(set.customKind ? { crdName: set.customKind.crdName } : {}),
  };
}

/**
 * The limit: concurrent server-side apply PATCHes with no logic. Prerequisites (Namespaces,
 * the CRD) first, a tight poll until the CRD is Established, then every other object. A custom
 * resource refused with 404 right after establishment (the handler not installed yet) is retried.
 */
export async function runBareApply(endpoint: RestEndpoint, prepared: PreparedApply, concurrency: number): Promise<TimedRun> {
  let patches = 0;
  let gets = 0;
  const send = async (req: BenchRequest): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      patches++;
      const res = await sendRequest(endpoint, req);
      if (res.status === 404 && attempt < 200) {
        await delay(5);
        continue;
      }
      if (res.status >= 200 && res.status < 300) return;
      throw new Error(`${req.method} ${req.path.split('?')[0]}: HTTP ${res.status}: ${res.body.toString('utf8').slice(0, 300)}`);
    }
  };
  const start = performance.now();
  await runConcurrently(prepared.prerequisites, concurrency, send);
  if (prepared.crdName) gets += await waitCrdEstablished(endpoint, prepared.crdName);
  await runConcurrently(prepared.objects, concurrency, send);
  const ms = performance.now() - start;
  return { ms, requests: { PATCH: patches, GET: gets } };
}

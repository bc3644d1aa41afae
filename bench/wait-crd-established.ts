import { setTimeout as delay } from 'node:timers/promises';
import type { RestEndpoint } from './rest-endpoint.js';
import { sendRequest } from './send-request.js';

interface CrdStatus {
  status?: { conditions?: { type: string; status: string }[] };
}

/**
 * Polls a CRD every `intervalMs` until its `Established` condition is `True`; returns the number
 * of GETs it took. The bare loop's stand-in for a watch: tight polling is the fastest reaction.
 */
export async function waitCrdEstablished(endpoint: RestEndpoint, crdName: string, timeoutMs = 60_000, intervalMs = 5): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (let gets = 1; ; gets++) {
    const res = await sendRequest(endpoint, { method: 'GET', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crdName}` });
    if (res.status === 200) {
      const crd = JSON.parse(res.body.toString('utf8')) as CrdStatus;
      if (crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return gets;
    }
    if (Date.now() > deadline) throw new Error(`CRD ${crdName} not established after ${timeoutMs} ms`);
    await delay(intervalMs);
  }
}

import type { RequestCounts } from './request-counts.js';
import type { RestEndpoint } from './rest-endpoint.js';
import { sendOk } from './send-request.js';

const LINE = /^apiserver_request_total\{([^}]*)\}\s+(\d+(?:\.\d+)?(?:e\+?\d+)?)/;
const LABEL = /(\w+)="([^"]*)"/g;

/**
 * Reads the API server's own request counter (`apiserver_request_total` on `/metrics`) and sums
 * it by verb (`GET`, `LIST`, `WATCH`, `APPLY`, `PATCH`, `CREATE`, `UPDATE`, `DELETE`, ...).
 *
 * Counted: requests for resources in JSON, which is what kubectl and the Node clients send.
 * Left out: non-resource paths (discovery, `/metrics`, health) and protobuf requests (the API
 * server's own loopback controllers), so the difference of two readings is the contender's.
 */
export async function readServerRequests(endpoint: RestEndpoint): Promise<RequestCounts> {
  const text = (await sendOk(endpoint, { method: 'GET', path: '/metrics' })).body.toString('utf8');
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of m[1]!.matchAll(LABEL)) labels[l[1]!] = l[2]!;
    if (!labels.resource || labels.contentType?.includes('protobuf')) continue;
    const verb = labels.verb ?? 'UNKNOWN';
    out[verb] = (out[verb] ?? 0) + Number(m[2]);
  }
  return out;
}

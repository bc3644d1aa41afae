import { request } from 'node:https';
import type { RestEndpoint } from './rest-endpoint.js';

/** One raw request of the bench's own HTTP client. */
export interface BenchRequest {
  readonly method: 'GET' | 'PATCH' | 'DELETE' | 'POST';
  /** Path and query, e.g. `/api/v1/namespaces/a/configmaps/b?fieldManager=x`. */
  readonly path: string;
  /** A pre-serialized body. */
  readonly body?: Buffer;
  readonly contentType?: string;
}

/** The status code and raw body of a response. */
export interface BenchResponse {
  readonly status: number;
  readonly body: Buffer;
}

/** Sends one request over the endpoint's keep-alive agent; rejects on network errors only. */
export function sendRequest(endpoint: RestEndpoint, req: BenchRequest): Promise<BenchResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...endpoint.headers, Accept: 'application/json' };
    if (req.body) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = req.body.length;
    }
    const r = request(
      { protocol: endpoint.server.protocol, hostname: endpoint.server.hostname, port: endpoint.server.port, method: req.method, path: req.path, agent: endpoint.agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (req.body) r.end(req.body);
    else r.end();
  });
}

/** Like {@link sendRequest}, but rejects unless the status is 2xx (with the server's message). */
export async function sendOk(endpoint: RestEndpoint, req: BenchRequest): Promise<BenchResponse> {
  const res = await sendRequest(endpoint, req);
  if (res.status < 200 || res.status > 299) {
    let message = res.body.toString('utf8').slice(0, 300);
    try {
      message = (JSON.parse(message) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`${req.method} ${req.path.split('?')[0]}: HTTP ${res.status}: ${message}`);
  }
  return res;
}

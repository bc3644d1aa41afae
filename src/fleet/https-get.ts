import { request } from 'node:https';

/** What {@link httpsGet} returns. */
export interface HttpsGetResponse {
  status: number;
  body: string;
}

/**
 * A GET on an API server with a bearer token and the cluster CA (no keep-alive). Each attempt
 * gives up after `attemptMs` so a hung server does not stall a readiness poll.
 */
export function httpsGet(url: string, ca: string, token: string, attemptMs: number, signal?: AbortSignal): Promise<HttpsGetResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', ca, agent: false, headers: { authorization: `Bearer ${token}` }, timeout: attemptMs, signal }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${attemptMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

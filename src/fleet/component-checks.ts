import { get } from 'node:http';
import { httpsGet } from './https-get.js';

/** One poll attempt never waits longer than this. */
const ATTEMPT_MS = 5_000;

/** True when etcd answers `/health` with `"health":"true"`. */
export function isEtcdHealthy(url: string, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(`${url}/health`, { agent: false, timeout: ATTEMPT_MS, signal }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(res.statusCode === 200 && /"health"\s*:\s*"true"/.test(body)));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** True when the API server's `/readyz` answers 200 `ok`. */
export async function isApiServerReady(server: string, ca: string, token: string, signal?: AbortSignal): Promise<boolean> {
  const res = await httpsGet(`${server}/readyz`, ca, token, ATTEMPT_MS, signal);
  return res.status === 200 && res.body.trim() === 'ok';
}

/** True when GET `path` answers 200 (e.g. the `default` namespace exists). */
export async function existsOnServer(server: string, ca: string, token: string, path: string, signal?: AbortSignal): Promise<boolean> {
  const res = await httpsGet(`${server}${path}`, ca, token, ATTEMPT_MS, signal);
  return res.status === 200;
}

import type { RestEndpoint } from './rest-endpoint.js';
import { sendOk } from './send-request.js';

/** The API server's `gitVersion` (from `/version`), or `unknown`. */
export async function readServerVersion(endpoint: RestEndpoint): Promise<string> {
  try {
    const body = JSON.parse((await sendOk(endpoint, { method: 'GET', path: '/version' })).body.toString('utf8')) as { gitVersion?: unknown };
    return typeof body.gitVersion === 'string' ? body.gitVersion : 'unknown';
  } catch {
    return 'unknown';
  }
}

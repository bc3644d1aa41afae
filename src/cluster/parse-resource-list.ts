import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { SyncError } from '../core/sync-error.js';
import { describeDecodeError } from './describe-decode-error.js';
import type { ResourceMapping } from './kube-client.js';

const APIResource = t.intersection([
  t.type({ name: t.string, namespaced: t.boolean, kind: t.string }),
  t.partial({ verbs: t.array(t.string) }),
]);

/** io-ts codec of a discovery document (`GET /api/v1`, `GET /apis/<group>/<version>`). */
export const APIResourceListCodec = t.type({
  groupVersion: t.string,
  resources: t.array(APIResource),
});

/**
 * Turns a discovery document into the mappings of its kinds. Subresources
 * (`deployments/status`) are skipped; the first resource of a kind wins.
 *
 * Errors: `API_ERROR` (retryable) naming the field when the document is malformed.
 */
export function parseResourceList(body: unknown, group: string, version: string): Map<string, ResourceMapping> {
  const decoded = APIResourceListCodec.decode(body);
  if (isLeft(decoded)) {
    const gv = group ? `${group}/${version}` : version;
    throw new SyncError('API_ERROR', `malformed discovery document for ${gv}: ${describeDecodeError(decoded.left)}`, { retryable: true });
  }
  const byKind = new Map<string, ResourceMapping>();
  for (const r of decoded.right.resources) {
    if (r.name.includes('/') || byKind.has(r.kind)) continue;
    byKind.set(r.kind, { group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced });
  }
  return byKind;
}

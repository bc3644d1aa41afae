import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { KubeObject } from '../core/object-ref.js';
import { SyncError } from '../core/sync-error.js';
import { describeDecodeError } from './describe-decode-error.js';
import { KubeObjectCodec } from './kube-object-codec.js';
import type { WatchEvent } from './kube-client.js';
import { statusToSyncError, type RequestContext } from './to-sync-error.js';
import { parseApiStatus } from './api-status.js';

const RawWatchEvent = t.type({
  type: t.keyof({ ADDED: null, MODIFIED: null, DELETED: null, BOOKMARK: null, ERROR: null }),
  object: t.unknown,
});

/**
 * Parses one line of a watch stream.
 *
 * Returns the event, or `undefined` for a `BOOKMARK`. An `ERROR` event is thrown as the
 * error its `Status` maps to (`GONE` for 410: the resourceVersion is too old; re-list).
 * A malformed line throws `API_ERROR` (retryable) without quoting it.
 *
 * `apiVersion`/`kind` fill in objects that lack them.
 */
export function parseWatchLine(line: string, apiVersion: string, kind: string, context: RequestContext = {}): WatchEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line) as unknown;
  } catch {
    throw new SyncError('API_ERROR', `malformed watch event from the API server (not JSON)`, { retryable: true });
  }
  const event = RawWatchEvent.decode(json);
  if (isLeft(event)) {
    throw new SyncError('API_ERROR', `malformed watch event: ${describeDecodeError(event.left)}`, { retryable: true });
  }
  const { type, object } = event.right;
  if (type === 'BOOKMARK') return undefined;
  if (type === 'ERROR') {
    const status = parseApiStatus(object);
    throw statusToSyncError(status?.code ?? 500, object, { ...context, verb: 'watch' });
  }
  const filled = typeof object === 'object' && object !== null ? { apiVersion, kind, ...(object as Record<string, unknown>) } : object;
  const decoded = KubeObjectCodec.decode(filled);
  if (isLeft(decoded)) {
    throw new SyncError('API_ERROR', `malformed watch event object: ${describeDecodeError(decoded.left)}`, { retryable: true });
  }
  return { type, object: decoded.right as KubeObject };
}

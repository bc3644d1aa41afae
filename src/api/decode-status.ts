import { OptionsError } from '../core/sync-error.js';
import { isSyncKind, type SyncKind } from './group.js';
import { failureOf, validateField, type DecodeFailure } from './decode-failure.js';
import { proxySyncStatusField, syncStatusField } from './status-codec.js';
import type { ProxySyncStatus, SyncStatus } from './status.js';

/** The status type of each kind. */
export type StatusOf<K extends SyncKind> = K extends 'ProxySync' ? ProxySyncStatus : SyncStatus;

/** What {@link decodeStatus} returns. */
export type DecodeStatusResult<S> = { readonly ok: true; readonly status: S } | DecodeFailure;

/**
 * Decodes the `status` of a syncprims custom resource read from a cluster (untrusted: e.g. the
 * remote Sync a ProxySync watches). `obj` is the whole object; a missing status decodes to the
 * empty status (`observedGeneration: 0`, no conditions).
 *
 * Errors: throws {@link OptionsError} only for a `kind` that is not a syncprims kind.
 *
 * @example
 * ```ts
 * import { decodeStatus, isReadyAtGeneration } from 'syncprims';
 * declare const remote: { metadata: { generation?: number } };
 * const r = decodeStatus('Sync', remote);
 * if (r.ok && isReadyAtGeneration(r.status, remote.metadata.generation)) console.log('remote ready');
 * ```
 */
export function decodeStatus<K extends SyncKind>(kind: K, obj: unknown): DecodeStatusResult<StatusOf<K>> {
  if (!isSyncKind(kind)) throw new OptionsError(`decodeStatus: unknown kind ${JSON.stringify(kind)}`);
  const status = typeof obj === 'object' && obj !== null ? (obj as { status?: unknown }).status : undefined;
  const codec = kind === 'ProxySync' ? proxySyncStatusField.codec : syncStatusField.codec;
  const result = validateField(codec, 'status', status ?? {});
  if (result._tag === 'Left') return failureOf(result.left);
  return { ok: true, status: result.right as StatusOf<K> };
}

import type { ObjectRef } from '../core/object-ref.js';
import { isSyncError, ValidationError } from '../core/sync-error.js';
import type { ChangeAction, SyncResult, SyncState } from '../core/sync-result.js';

/** An error as `-o json` prints it: `SyncError.toJSON()` (no stack, no cause), plus every validation issue. */
export interface ErrorJson {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  /** The object involved, as `Kind namespace/name`. */
  readonly ref?: string;
  /** For validation errors: every problem found, with its file and document. */
  readonly issues?: readonly { code: string; message: string; ref?: ObjectRef; source?: { origin?: string; document?: number; field?: string } }[];
}

/** A {@link SyncResult} as `-o json` prints it. */
export interface ResultJson {
  readonly name: string;
  readonly ready: boolean;
  readonly state: SyncState;
  readonly message: string;
  readonly revision: string;
  readonly durationMs: number;
  readonly changes: readonly { ref: ObjectRef; action: ChangeAction; fields?: readonly string[]; reason?: string }[];
  readonly error?: ErrorJson;
  readonly notReady?: readonly { ref: ObjectRef; reason: string }[];
  readonly children?: readonly ResultJson[];
  readonly requests?: Readonly<Record<string, number>>;
}

function plainRef(ref: ObjectRef): ObjectRef {
  return { apiVersion: ref.apiVersion, kind: ref.kind, ...(ref.namespace ? { namespace: ref.namespace } : {}), name: ref.name };
}

/** An error for `-o json`: {@link ErrorJson}; anything that is not a `SyncError` becomes code `INTERNAL`. */
export function errorToJson(err: unknown): ErrorJson {
  if (!isSyncError(err)) {
    return { name: err instanceof Error ? err.name : 'Error', code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), retryable: false };
  }
  const base: ErrorJson =
    typeof (err as { toJSON?: unknown }).toJSON === 'function'
      ? err.toJSON()
      : { name: err.name, code: err.code, message: err.message, retryable: err.retryable };
  if (!(err instanceof ValidationError)) return base;
  return {
    ...base,
    issues: err.issues.map((i) => ({ code: i.code, message: i.message, ...(i.ref ? { ref: plainRef(i.ref) } : {}), ...(i.source ? { source: { ...i.source } } : {}) })),
  };
}

/** A result for `-o json`: plain data, errors through {@link errorToJson}, children nested. */
export function resultToJson(result: SyncResult): ResultJson {
  return {
    name: result.name,
    ready: result.ready,
    state: result.state,
    message: result.message,
    revision: result.revision,
    durationMs: result.durationMs,
    changes: result.changes.map((c) => ({
      ref: plainRef(c.ref),
      action: c.action,
      ...(c.fields && c.fields.length > 0 ? { fields: [...c.fields] } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
    })),
    ...(result.error ? { error: errorToJson(result.error) } : {}),
    ...(result.notReady && result.notReady.length > 0 ? { notReady: result.notReady.map((n) => ({ ref: plainRef(n.ref), reason: n.reason })) } : {}),
    ...(result.children ? { children: result.children.map(resultToJson) } : {}),
    ...(result.requests ? { requests: { ...result.requests } } : {}),
  };
}

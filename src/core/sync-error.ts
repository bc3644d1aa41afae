import { formatRef, type ObjectRef } from './object-ref.js';

/**
 * Every error code syncprims produces. Custom syncers may use their own codes (any string).
 *
 * | code | meaning | retryable |
 * |---|---|---|
 * | `INVALID_OPTIONS` | a programming error in the options given to a constructor or call | no |
 * | `INVALID_MANIFEST` | a document is not valid YAML/JSON, or lacks a required field | no |
 * | `INVALID_NAME` | `metadata.name` / `metadata.namespace` is not a valid Kubernetes name | no |
 * | `DUPLICATE_OBJECT` | the desired set has the same object twice | no |
 * | `MISSING_NAMESPACE` | a namespaced object has no namespace and no `targetNamespace` is set | no |
 * | `UNKNOWN_KIND` | the cluster does not serve the kind and no CRD of the same set defines it | no |
 * | `DEPENDENCY_CYCLE` | syncers depend on each other in a cycle | no |
 * | `BLOCKED` | a dependency did not become ready in this pass | yes |
 * | `APPLY_FAILED` | the API server refused an apply | depends on status |
 * | `CONFLICT` | another field manager owns fields this sync applies (use `force`) | no |
 * | `IMMUTABLE_FIELD` | an immutable field changed (use `force` or the recreate annotation) | no |
 * | `PRUNE_FAILED` | deleting an object no longer desired failed | yes |
 * | `NOT_READY` | an object reported a failure while waiting for readiness | no |
 * | `TIMEOUT` | the readiness wait ran out of time | yes |
 * | `INVENTORY_CONFLICT` | another process changed the inventory concurrently | yes |
 * | `UNREACHABLE` | the API server could not be reached | yes |
 * | `TLS` | the TLS handshake failed | no |
 * | `UNAUTHORIZED` | 401: the credentials were refused | no |
 * | `FORBIDDEN` | 403: RBAC refused the verb on the resource | no |
 * | `NOT_FOUND` | the object or resource does not exist | no |
 * | `API_ERROR` | any other API server error | depends on status |
 * | `SECRET_NOT_FOUND` | the kubeconfig Secret does not exist | yes |
 * | `SECRET_KEY_MISSING` | the Secret has none of the kubeconfig keys | no |
 * | `KUBECONFIG_INVALID` | the kubeconfig could not be decoded | no |
 * | `KUBECONFIG_NOT_ALLOWED` | the kubeconfig uses `exec`, `auth-provider` or local files without opt-in | no |
 * | `CONTROLLER_NOT_INSTALLED` | the remote cluster does not serve the syncprims CRDs | yes |
 */
export type SyncErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_MANIFEST'
  | 'INVALID_NAME'
  | 'DUPLICATE_OBJECT'
  | 'MISSING_NAMESPACE'
  | 'UNKNOWN_KIND'
  | 'DEPENDENCY_CYCLE'
  | 'BLOCKED'
  | 'APPLY_FAILED'
  | 'CONFLICT'
  | 'IMMUTABLE_FIELD'
  | 'PRUNE_FAILED'
  | 'NOT_READY'
  | 'TIMEOUT'
  | 'INVENTORY_CONFLICT'
  | 'UNREACHABLE'
  | 'TLS'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'API_ERROR'
  | 'SECRET_NOT_FOUND'
  | 'SECRET_KEY_MISSING'
  | 'KUBECONFIG_INVALID'
  | 'KUBECONFIG_NOT_ALLOWED'
  | 'CONTROLLER_NOT_INSTALLED'
  | (string & {});

/** Options for constructing a {@link SyncError}. */
export interface SyncErrorOptions {
  /** The underlying error. */
  cause?: unknown;
  /** The object involved, when there is one. */
  ref?: ObjectRef;
  /** Whether trying the same pass again may succeed without a change of input. @default false */
  retryable?: boolean;
  /** Where the bad input came from: a file path or origin label, and a document index. */
  source?: { origin?: string; document?: number; field?: string };
}

/**
 * The base class of every error syncprims produces.
 *
 * `code` tells what failed (see {@link SyncErrorCode}), `ref` names the object
 * involved, `retryable` says whether the same pass may succeed later, and `cause`
 * keeps the underlying error. Messages never carry Secret data.
 *
 * @example
 * ```ts
 * import { SyncError } from 'syncprims';
 * try {
 *   throw new SyncError('TIMEOUT', 'Deployment web/api not ready after 30s', { retryable: true });
 * } catch (err) {
 *   if (err instanceof SyncError && err.retryable) console.log('try again later:', err.code);
 * }
 * ```
 */
export class SyncError extends Error {
  /** What failed. */
  readonly code: SyncErrorCode;
  /** The object involved, when there is one. */
  readonly ref?: ObjectRef;
  /** Whether trying again later, with the same input, may succeed. */
  readonly retryable: boolean;
  /** Where bad input came from (file, document index, field). */
  readonly source?: { origin?: string; document?: number; field?: string };

  constructor(code: SyncErrorCode, message: string, options: SyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    if (options.ref) this.ref = options.ref;
    if (options.source) this.source = options.source;
  }

  /** A JSON-safe summary (no `cause` chain, no stack) for logs, events and `-o json`. */
  toJSON(): { name: string; code: string; message: string; retryable: boolean; ref?: string } {
    const out: { name: string; code: string; message: string; retryable: boolean; ref?: string } = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    if (this.ref) out.ref = formatRef(this.ref);
    return out;
  }
}

/** Invalid options passed to a constructor or call: a programming error (thrown, never resolved). */
export class OptionsError extends SyncError {
  constructor(message: string, options: SyncErrorOptions = {}) {
    super('INVALID_OPTIONS', message, options);
  }
}

/** One problem found while validating input; a {@link ValidationError} carries all of them. */
export interface ValidationIssue {
  readonly code: SyncErrorCode;
  readonly message: string;
  readonly ref?: ObjectRef;
  readonly source?: { origin?: string; document?: number; field?: string };
}

/**
 * The desired set failed validation before any write (bad YAML, missing fields, duplicates...).
 * `code`, `message` and `source` describe the first problem; `issues` lists every problem found.
 */
export class ValidationError extends SyncError {
  /** Every problem found (at least one). */
  readonly issues: readonly ValidationIssue[];
  constructor(code: SyncErrorCode, message: string, options: SyncErrorOptions & { issues?: readonly ValidationIssue[] } = {}) {
    super(code, message, options);
    this.issues = options.issues ?? [
      { code, message, ...(options.ref ? { ref: options.ref } : {}), ...(options.source ? { source: options.source } : {}) },
    ];
  }
}

/** Syncers depend on each other in a cycle; the message carries the path `a -> b -> a`. */
export class CycleError extends SyncError {
  /** The names along the cycle, first name repeated at the end. */
  readonly cycle: readonly string[];
  constructor(cycle: readonly string[]) {
    super('DEPENDENCY_CYCLE', `dependency cycle: ${cycle.join(' -> ')}`);
    this.cycle = cycle;
  }
}

/** A dependency did not become ready, so this syncer did not run. */
export class BlockedError extends SyncError {}

/** The API server refused to apply an object (conflict, immutable field, admission, RBAC...). */
export class ApplyError extends SyncError {}

/** Pruning an object that is no longer desired failed. */
export class PruneError extends SyncError {}

/** An object reported a failure, or did not become ready in time. */
export class ReadinessError extends SyncError {}

/** Reading or writing the inventory failed. */
export class InventoryError extends SyncError {}

/** The cluster could not be reached or refused the credentials (unreachable, TLS, 401, 403). */
export class ClusterAccessError extends SyncError {}

/** A kubeconfig (from a file or a Secret) could not be read, decoded, or is not allowed. */
export class KubeconfigError extends SyncError {}

/** Returns true when `err` is a {@link SyncError} (also across duplicated copies of the package). */
export function isSyncError(err: unknown): err is SyncError {
  return (
    err instanceof SyncError ||
    (typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' &&
      typeof (err as { retryable?: unknown }).retryable === 'boolean' && err instanceof Error)
  );
}

import { formatRef, type ObjectRef } from '../core/object-ref.js';
import { ClusterAccessError, isSyncError, SyncError } from '../core/sync-error.js';
import { parseApiStatus, type ApiStatus } from './api-status.js';

/**
 * What a failed request was doing, for the error message. Never holds request bodies.
 */
export interface RequestContext {
  /** The verb, e.g. `get`, `list`, `apply`, `create`, `update`, `delete`, `watch`. */
  readonly verb?: string;
  /** The object involved. */
  readonly ref?: ObjectRef;
  /** What was addressed when there is no single object, e.g. `configmaps in default`. */
  readonly target?: string;
  /** `host:port` of the API server. */
  readonly server?: string;
  /** The request was a server-side apply (a 409 then means field-manager conflicts). */
  readonly apply?: boolean;
}

const UNREACHABLE_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'connection timed out',
  CONNECT_TIMEOUT: 'connect timeout',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host down',
  ENETDOWN: 'network down',
  EADDRNOTAVAIL: 'address not available',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
};

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('ERR_OSSL_');
}

function describeTarget(ctx: RequestContext): string {
  const what = ctx.ref ? formatRef(ctx.ref) : ctx.target;
  if (ctx.verb && what) return `${ctx.verb} ${what}`;
  return ctx.verb ?? what ?? 'request';
}

function refOption(ctx: RequestContext): { ref?: ObjectRef } {
  return ctx.ref ? { ref: ctx.ref } : {};
}

/** Finds a string `code` on an error or on its `cause` chain (node-fetch and undici nest it). */
function findErrorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps a failed HTTP response to a typed error.
 *
 * `body` is the parsed JSON body (or the raw text); only its `Status` fields are used, so
 * neither request nor response bodies end up in the message. Codes:
 *
 * | HTTP | reason | error | code | retryable |
 * |---|---|---|---|---|
 * | 401 | | `ClusterAccessError` | `UNAUTHORIZED` | no |
 * | 403 | | `ClusterAccessError` | `FORBIDDEN` (the server's message names verb and resource) | no |
 * | 404 | | `SyncError` | `NOT_FOUND` | no |
 * | 409 | `AlreadyExists` | `SyncError` | `ALREADY_EXISTS` | no |
 * | 409 | field-manager conflicts (apply) | `SyncError` | `CONFLICT` | no |
 * | 409 | other (resourceVersion, uid precondition) | `SyncError` | `CONFLICT_VERSION` | yes |
 * | 410 | `Expired`/`Gone` | `SyncError` | `GONE` | yes |
 * | 422 | an immutable field | `SyncError` | `IMMUTABLE_FIELD` | no |
 * | 422 | other | `SyncError` | `INVALID` | no |
 * | 429, 5xx, `Timeout`/`ServerTimeout` | | `SyncError` | `API_ERROR` | yes |
 * | other | | `SyncError` | `API_ERROR` | no |
 */
export function statusToSyncError(httpCode: number, body: unknown, ctx: RequestContext = {}): SyncError {
  const status: ApiStatus = parseApiStatus(body, httpCode) ?? { code: httpCode };
  const code = httpCode || status.code;
  const reason = status.reason;
  const serverMessage = status.message?.trim() || `HTTP ${code}${reason ? ` ${reason}` : ''}`;
  const at = describeTarget(ctx);
  const base = { cause: status, ...refOption(ctx) };
  const server = ctx.server ? ` by ${ctx.server}` : '';

  if (code === 401) {
    return new ClusterAccessError(
      'UNAUTHORIZED',
      `unauthorized: ${at} refused${server}: the credentials were not accepted (expired or revoked token, or an unknown client certificate)`,
      { ...base, retryable: false },
    );
  }
  if (code === 403) {
    return new ClusterAccessError('FORBIDDEN', `forbidden: ${at}: ${serverMessage}`, { ...base, retryable: false });
  }
  if (code === 404) {
    return new SyncError('NOT_FOUND', `not found: ${at}: ${serverMessage}`, { ...base, retryable: false });
  }
  if (code === 409) {
    if (reason === 'AlreadyExists') {
      return new SyncError('ALREADY_EXISTS', `already exists: ${at}: ${serverMessage}`, { ...base, retryable: false });
    }
    const fieldConflicts = status.details?.causes?.some((c) => c.reason === 'FieldManagerConflict') ?? false;
    if (fieldConflicts || (ctx.apply === true && /conflict/i.test(serverMessage) && !/the object has been modified/i.test(serverMessage))) {
      return new SyncError(
        'CONFLICT',
        `conflict: ${at}: ${serverMessage} (another field manager owns these fields; use force to take them over)`,
        { ...base, retryable: false },
      );
    }
    return new SyncError('CONFLICT_VERSION', `conflict: ${at}: ${serverMessage}`, { ...base, retryable: true });
  }
  if (code === 410) {
    return new SyncError('GONE', `gone: ${at}: ${serverMessage}`, { ...base, retryable: true });
  }
  if (code === 422) {
    const causes = status.details?.causes ?? [];
    const immutable = /immutable/i.test(serverMessage) || causes.some((c) => /immutable/i.test(c.message ?? ''));
    const fields = causes.map((c) => c.field).filter((f): f is string => typeof f === 'string' && f.length > 0);
    const fieldNote = fields.length > 0 && !fields.every((f) => serverMessage.includes(f)) ? ` (fields: ${[...new Set(fields)].join(', ')})` : '';
    if (immutable) {
      return new SyncError('IMMUTABLE_FIELD', `immutable field: ${at}: ${serverMessage}${fieldNote}`, { ...base, retryable: false });
    }
    return new SyncError('INVALID', `invalid: ${at}: ${serverMessage}${fieldNote}`, { ...base, retryable: false });
  }
  const retryable = code === 429 || code >= 500 || reason === 'Timeout' || reason === 'ServerTimeout' || reason === 'TooManyRequests';
  return new SyncError('API_ERROR', `API error ${code}${reason ? ` ${reason}` : ''}: ${at}: ${serverMessage}`, { ...base, retryable });
}

/**
 * Maps a network-level failure (no HTTP response) to a `ClusterAccessError`: `UNREACHABLE`
 * (retryable) for refused/timed-out/unroutable connections, `TLS` for certificate and
 * handshake failures. Returns `undefined` when the error is neither.
 */
export function networkErrorToSyncError(err: unknown, server: string | undefined, ctx: RequestContext = {}): SyncError | undefined {
  const code = findErrorCode(err);
  if (code === undefined) return undefined;
  const where = server ?? ctx.server ?? 'the API server';
  const base = { cause: err, ...refOption(ctx) };
  const unreachable = UNREACHABLE_CODES[code];
  if (unreachable !== undefined) {
    return new ClusterAccessError('UNREACHABLE', `API server ${where} unreachable: ${unreachable} (${code}) during ${describeTarget(ctx)}`, {
      ...base,
      retryable: true,
    });
  }
  if (isTlsCode(code)) {
    const detail = err instanceof Error ? err.message : code;
    return new ClusterAccessError(
      'TLS',
      `TLS with ${where} failed: ${detail} (${code}); check the kubeconfig's certificate-authority-data and tls-server-name`,
      { ...base, retryable: false },
    );
  }
  return undefined;
}

const CLIENT_NODE_UNKNOWN = /^Unrecognized API version and kind: (\S+) (\S+)/;
const CLIENT_NODE_DISCOVERY = /^Failed to fetch resource metadata for (\S+)\/([^/:\s]+):/;

function hostPortFromMessage(message: string): string | undefined {
  return /https?:\/\/([^/\s]+)/.exec(message)?.[1] ?? /connect [A-Z]+ (\S+)/.exec(message)?.[1];
}

/**
 * Turns any error from a Kubernetes call into a typed {@link SyncError}: errors syncprims
 * threw pass through unchanged; client-node's `ApiException` (whose `body` is a *string*
 * holding the `Status` JSON) is mapped by HTTP status like syncprims' own client
 * (the same mapping as for raw responses); network errors become `UNREACHABLE`/`TLS`; client-node's
 * discovery failures become `UNKNOWN_KIND`; anything else becomes `API_ERROR`.
 *
 * The message never includes the exception's own text for HTTP errors (client-node puts
 * the whole body and headers in it), only the server's `Status.message`.
 *
 * @example
 * ```ts
 * import { KubeConfig, CoreV1Api } from '@kubernetes/client-node';
 * import { toSyncError } from 'syncprims';
 *
 * const kc = new KubeConfig();
 * kc.loadFromDefault();
 * try {
 *   await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'app', namespace: 'default' });
 * } catch (err) {
 *   const e = toSyncError(err, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'app' });
 *   console.log(e.code, e.retryable, e.message); // e.g. NOT_FOUND false not found: ConfigMap default/app: ...
 * }
 * ```
 */
export function toSyncError(err: unknown, ref?: ObjectRef): SyncError {
  if (isSyncError(err)) return err;
  const ctx: RequestContext = ref ? { ref } : {};
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';

  const unknown = CLIENT_NODE_UNKNOWN.exec(message);
  if (unknown) {
    return new SyncError('UNKNOWN_KIND', `unknown kind: the cluster does not serve ${unknown[1]}/${unknown[2]}`, { cause: err, ...refOption(ctx) });
  }
  const httpCode = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof httpCode === 'number' && httpCode >= 100 && httpCode < 600) {
    const discovery = CLIENT_NODE_DISCOVERY.exec(message);
    if (discovery && httpCode === 404) {
      return new SyncError('UNKNOWN_KIND', `unknown kind: the cluster does not serve ${discovery[1]}/${discovery[2]}`, {
        cause: parseApiStatus((err as { body?: unknown }).body, httpCode) ?? { code: httpCode },
        ...refOption(ctx),
      });
    }
    return statusToSyncError(httpCode, (err as { body?: unknown }).body, ctx);
  }
  const network = networkErrorToSyncError(err, hostPortFromMessage(message), ctx);
  if (network) return network;
  return new SyncError('API_ERROR', message || 'unknown error', { cause: err, ...refOption(ctx), retryable: false });
}

/** Returns the server's `Status` behind an error built by syncprims from an API response, if any. */
export function apiStatusOf(err: unknown): ApiStatus | undefined {
  if (!(err instanceof Error)) return undefined;
  const cause = (err as { cause?: unknown }).cause;
  if (typeof cause === 'object' && cause !== null && typeof (cause as { code?: unknown }).code === 'number' && !(cause instanceof Error)) {
    return cause as ApiStatus;
  }
  return undefined;
}

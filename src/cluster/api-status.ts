import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';

const StatusCause = t.partial({
  reason: t.string,
  message: t.string,
  field: t.string,
});

const StatusDetails = t.partial({
  name: t.string,
  group: t.string,
  kind: t.string,
  uid: t.string,
  causes: t.array(StatusCause),
  retryAfterSeconds: t.number,
});

/** io-ts codec of a Kubernetes `Status` (the body of every API error response). */
const StatusCodec = t.intersection([
  t.type({ kind: t.literal('Status') }),
  t.partial({
    status: t.string,
    message: t.string,
    reason: t.string,
    code: t.number,
    details: StatusDetails,
  }),
]);

/** One entry of `Status.details.causes`: which field was refused, and why. */
export interface ApiStatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

/**
 * The parts of a Kubernetes `Status` (an API error body) syncprims reads: `code`,
 * `reason`, `message` and `details`. Attached as `cause` of the errors built from
 * API responses, so callers can inspect the server's answer.
 */
export interface ApiStatus {
  /** The HTTP status code. */
  readonly code: number;
  /** The machine-readable reason, e.g. `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`. */
  readonly reason?: string;
  /** The server's message for humans. */
  readonly message?: string;
  readonly details?: {
    readonly name?: string;
    readonly group?: string;
    readonly kind?: string;
    readonly causes?: readonly ApiStatusCause[];
    readonly retryAfterSeconds?: number;
  };
}

/**
 * Decodes a `Status` from a parsed JSON body (or a JSON string, as client-node's
 * `ApiException.body` holds it). Returns `undefined` when the body is not a `Status`.
 * `httpCode` fills in `code` when the body lacks it.
 */
export function parseApiStatus(body: unknown, httpCode?: number): ApiStatus | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (value instanceof Uint8Array) return parseApiStatus(Buffer.from(value).toString('utf8'), httpCode);
  const decoded = StatusCodec.decode(value);
  if (!isRight(decoded)) return undefined;
  const s = decoded.right;
  const code = s.code ?? httpCode;
  if (code === undefined) return undefined;
  return {
    code,
    ...(s.reason !== undefined ? { reason: s.reason } : {}),
    ...(s.message !== undefined ? { message: s.message } : {}),
    ...(s.details !== undefined ? { details: s.details } : {}),
  };
}

import { OptionsError } from '../core/sync-error.js';
import { isSyncKind, type SyncKind } from './group.js';
import type { SchemaCodec } from './schema-codec.js';
import { failureOf, validateField, type DecodeFailure } from './decode-failure.js';
import { findUnknownFields } from './find-unknown-fields.js';
import { syncSpecField, type SyncSpec } from './sync-spec.js';
import { remoteSyncSpecField, type RemoteSyncSpec } from './remote-sync-spec.js';
import { proxySyncSpecField, type ProxySyncSpec } from './proxy-sync-spec.js';

/** The decoded spec type of each kind. */
export type SpecOf<K extends SyncKind> = K extends 'Sync' ? SyncSpec : K extends 'RemoteSync' ? RemoteSyncSpec : ProxySyncSpec;

/** A decoded spec, and the fields it dropped because the schema does not declare them. */
export interface DecodedSpec<S> {
  readonly ok: true;
  /** The spec: defaults applied, durations in milliseconds. */
  readonly spec: S;
  /** Paths of undeclared fields that were dropped (e.g. `spec.intervall`): worth a warning. */
  readonly unknownFields: readonly string[];
}

/** What {@link decodeSpec} returns. */
export type DecodeSpecResult<S> = DecodedSpec<S> | DecodeFailure;

const SPEC_FIELDS: { readonly [K in SyncKind]: SchemaCodec<SpecOf<K>, unknown> } = {
  Sync: syncSpecField,
  RemoteSync: remoteSyncSpecField,
  ProxySync: proxySyncSpecField,
};

/**
 * Decodes and validates the `spec` of a syncprims custom resource: `obj` is the whole object
 * (as read from the API server, or a manifest); only `obj.spec` is read. Paths in the result
 * start at `spec`, e.g. `spec.source.configMapRefs[0].name`.
 *
 * Unknown fields: dropped, as the API server prunes them under the CRD's structural schema, so
 * a spec decodes the same whether or not it went through the server first. They are listed in
 * `unknownFields` so callers can warn. `null` counts as absent, as the server prunes it.
 *
 * Caveats: a few rules only the codec enforces, the CRD schema cannot state them: label and
 * annotation keys of `template.metadata` must be qualified names, and durations must not exceed
 * `Number.MAX_SAFE_INTEGER` milliseconds. `retryInterval` defaults to `interval`.
 *
 * Errors: throws {@link OptionsError} only for a `kind` that is not a syncprims kind; a bad
 * spec resolves to `{ ok: false, path, message, issues }`.
 *
 * @example
 * ```ts
 * import { decodeSpec } from 'syncprims';
 * const r = decodeSpec('Sync', { spec: { source: { configMapRefs: [{ name: 'App' }] } } });
 * if (!r.ok) console.log(`${r.path}: ${r.message}`); // spec.source.configMapRefs[0].name: must be a DNS-1123 subdomain ...
 * else console.log(r.spec.interval); // 600000
 * ```
 */
export function decodeSpec<K extends SyncKind>(kind: K, obj: unknown): DecodeSpecResult<SpecOf<K>> {
  if (!isSyncKind(kind)) throw new OptionsError(`decodeSpec: unknown kind ${JSON.stringify(kind)}`);
  const field = SPEC_FIELDS[kind] as SchemaCodec<SpecOf<K>, unknown>;
  const spec = typeof obj === 'object' && obj !== null ? (obj as { spec?: unknown }).spec : undefined;
  if (spec === undefined || spec === null) {
    return { ok: false, path: 'spec', message: 'required field is missing', issues: [{ path: 'spec', message: 'required field is missing' }] };
  }
  const result = validateField(field.codec, 'spec', spec);
  if (result._tag === 'Left') return failureOf(result.left);
  return { ok: true, spec: result.right, unknownFields: findUnknownFields(field.schema, spec, 'spec') };
}


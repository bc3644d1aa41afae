import type * as t from 'io-ts';
import type { Agree, Expect, SchemaCodec } from './schema-codec.js';
import { objectField, optional, required, withDefault } from './object-field.js';
import { booleanField, durationField, enumField, stringField } from './leaf-fields.js';
import { mapField } from './map-field.js';
import { sourceField, type SyncSource } from './sync-source.js';
import { dependsOnField, type DependencyRef } from './dependency-ref.js';
import { DNS_LABEL_MAX, DNS_LABEL_PATTERN, DNS_SUBDOMAIN_MAX, DNS_SUBDOMAIN_PATTERN } from './name-patterns.js';

/** What happens to the applied objects when the custom resource is deleted. */
export type DeletionPolicy = 'Delete' | 'Orphan';

/**
 * The spec of a `Sync` custom resource, decoded: defaults applied, durations in milliseconds.
 * Decode one with {@link decodeSpec} or {@link SyncSpecCodec}.
 */
export interface SyncSpec {
  /** Where the manifests come from. */
  source: SyncSource;
  /** How often the objects are re-applied (drift correction). @default 600000 (`10m`) */
  interval: number;
  /** How soon a failed reconcile is tried again (the base of a capped backoff). @default interval */
  retryInterval: number;
  /** How long one reconcile may wait for the objects to become ready. @default 300000 (`5m`) */
  timeout: number;
  /** Delete objects this Sync applied before and no longer declares. @default true */
  prune: boolean;
  /** Wait for the objects to become ready before reporting Ready. @default true */
  wait: boolean;
  /** Recreate objects whose immutable fields changed, and take over conflicting fields. @default false */
  force: boolean;
  /** Put every namespaced object into this namespace. @default undefined (as written) */
  targetNamespace?: string;
  /** Apply as this ServiceAccount of the same namespace (impersonation). @default undefined (the controller's own identity) */
  serviceAccountName?: string;
  /** Stop reconciling; the applied objects stay as they are. @default false */
  suspend: boolean;
  /** Objects that must be Ready first. @default [] */
  dependsOn: DependencyRef[];
  /** On deletion of the custom resource: `Delete` prunes what it applied, `Orphan` leaves it. @default 'Delete' */
  deletionPolicy: DeletionPolicy;
}

/** The JSON form of a {@link SyncSpec}, as written in a manifest: durations as strings, defaults optional. */
export interface SyncSpecJson {
  source: SyncSource;
  interval?: string;
  retryInterval?: string;
  timeout?: string;
  prune?: boolean;
  wait?: boolean;
  force?: boolean;
  targetNamespace?: string;
  serviceAccountName?: string;
  suspend?: boolean;
  dependsOn?: DependencyRef[];
  deletionPolicy?: DeletionPolicy;
}

/** The duration fields shared by every kind. */
export const intervalProps = {
  interval: withDefault(durationField('How often the object is reconciled when nothing changes (drift correction), e.g. `10m`.'), '10m'),
  retryInterval: optional(durationField('How soon a failed reconcile is tried again, the base of a capped exponential backoff. Defaults to `interval`.')),
  timeout: withDefault(durationField('How long one reconcile may take, including the wait for readiness, e.g. `5m`.'), '5m'),
};

/** The lifecycle fields shared by every kind. */
export const lifecycleProps = {
  suspend: withDefault(booleanField('Stop reconciling; what was applied stays as it is.'), false),
  dependsOn: withDefault(dependsOnField, []),
  deletionPolicy: withDefault(
    enumField(['Delete', 'Orphan'] as const, 'On deletion: `Delete` prunes what was applied, `Orphan` leaves it.'),
    'Delete',
  ),
};

/** The properties of a Sync spec (RemoteSync adds `kubeConfig`). */
export const syncSpecProps = {
  source: required(sourceField),
  ...intervalProps,
  prune: withDefault(booleanField('Delete objects applied before and no longer declared.'), true),
  wait: withDefault(booleanField('Wait for the objects to become ready before reporting Ready.'), true),
  force: withDefault(booleanField('Recreate objects whose immutable fields changed and take over conflicting fields.'), false),
  targetNamespace: optional(
    stringField({
      description: 'Put every namespaced object into this namespace.',
      pattern: DNS_LABEL_PATTERN,
      patternHint: 'must be a DNS-1123 label (lowercase alphanumerics and "-")',
      minLength: 1,
      maxLength: DNS_LABEL_MAX,
    }),
  ),
  serviceAccountName: optional(
    stringField({
      description: 'Apply as this ServiceAccount of the same namespace (impersonation); the controller identity when absent.',
      pattern: DNS_SUBDOMAIN_PATTERN,
      patternHint: 'must be a DNS-1123 subdomain (lowercase alphanumerics, "-" and ".")',
      minLength: 1,
      maxLength: DNS_SUBDOMAIN_MAX,
    }),
  ),
  ...lifecycleProps,
};

type WithRetry<T> = Omit<T, 'retryInterval'> & { retryInterval: number };

/**
 * Fills `retryInterval` from `interval` when absent (a default a schema cannot state), and
 * leaves it out when encoding if it equals `interval`.
 */
export function withRetryDefault<T extends { interval: number; retryInterval?: number }, O>(
  field: SchemaCodec<T, O>,
): SchemaCodec<WithRetry<T>, O> {
  return mapField(
    field,
    (raw): WithRetry<T> => ({ ...raw, retryInterval: raw.retryInterval ?? raw.interval }),
    (spec): T => {
      const { retryInterval, ...rest } = spec;
      return (retryInterval === spec.interval ? rest : { ...rest, retryInterval }) as unknown as T;
    },
    (u): u is WithRetry<T> => field.codec.is(u) && typeof (u as { retryInterval?: unknown }).retryInterval === 'number',
  );
}

const syncSpecObject = objectField(syncSpecProps, {
  description: 'What to apply to this cluster, and how.',
});

/** The `spec` field of a Sync (also the `template.spec` of a ProxySync): codec and schema. */
export const syncSpecField: SchemaCodec<SyncSpec, SyncSpecJson> = withRetryDefault(syncSpecObject);

/**
 * io-ts codec of a `Sync` spec: decodes untrusted JSON into a {@link SyncSpec} (defaults applied,
 * durations in milliseconds) and encodes it back to {@link SyncSpecJson}. Prefer
 * {@link decodeSpec} for plain results with a field path.
 *
 * @example
 * ```ts
 * import { SyncSpecCodec } from 'syncprims';
 * const r = SyncSpecCodec.decode({ source: { configMapRefs: [{ name: 'app' }] }, interval: '1m' });
 * if (r._tag === 'Right') console.log(r.right.interval, r.right.prune); // 60000 true
 * ```
 */
export const SyncSpecCodec: t.Type<SyncSpec, SyncSpecJson, unknown> = syncSpecField.codec;

type _SyncSpecAgrees = Expect<Agree<SyncSpec, WithRetry<typeof syncSpecObject.codec._A>>>;
type _SyncSpecJsonAgrees = Expect<Agree<SyncSpecJson, typeof syncSpecObject.codec._O>>;

import type * as t from 'io-ts';
import type { Agree, Expect, SchemaCodec } from './schema-codec.js';
import { objectField, optional, required } from './object-field.js';
import { stringField, stringMapField } from './leaf-fields.js';
import { kubeConfigField, type KubeConfigRef } from './kube-config-ref.js';
import { intervalProps, lifecycleProps, syncSpecField, withRetryDefault, type DeletionPolicy, type SyncSpec, type SyncSpecJson } from './sync-spec.js';
import type { DependencyRef } from './dependency-ref.js';
import {
  DNS_LABEL_MAX,
  DNS_LABEL_PATTERN,
  DNS_SUBDOMAIN_MAX,
  DNS_SUBDOMAIN_PATTERN,
  LABEL_VALUE_MAX,
  LABEL_VALUE_PATTERN,
} from './name-patterns.js';

/** Metadata of the `Sync` a ProxySync maintains in the remote cluster. */
export interface TemplateMetadata {
  /** The remote Sync's name. @default undefined (the ProxySync's name) */
  name?: string;
  /** The remote Sync's namespace. @default undefined (the ProxySync's namespace) */
  namespace?: string;
  /** Labels of the remote Sync (the ownership label is added). @default undefined */
  labels?: Record<string, string>;
  /** Annotations of the remote Sync. @default undefined */
  annotations?: Record<string, string>;
}

/** The remote `Sync` a ProxySync maintains, decoded. */
export interface SyncTemplate {
  /** Its metadata. @default undefined */
  metadata?: TemplateMetadata;
  /** Its spec, decoded (defaults applied, durations in milliseconds). */
  spec: SyncSpec;
}

/** The JSON form of a {@link SyncTemplate}. */
export interface SyncTemplateJson {
  metadata?: TemplateMetadata;
  spec: SyncSpecJson;
}

/**
 * The spec of a `ProxySync`, decoded. `template` is the Sync kept in the remote cluster (which
 * reconciles itself there); the other fields govern the management-side object.
 */
export interface ProxySyncSpec {
  /** The remote cluster's kubeconfig, from a Secret in the same namespace. */
  kubeConfig: KubeConfigRef;
  /** The Sync to maintain in the remote cluster. */
  template: SyncTemplate;
  /** How often the remote Sync is re-asserted when nothing changes. @default 600000 (`10m`) */
  interval: number;
  /** How soon a failed reconcile is tried again. @default interval */
  retryInterval: number;
  /** How long one reconcile may wait for the remote Sync to become Ready. @default 300000 (`5m`) */
  timeout: number;
  /** Stop updating the remote Sync (it keeps reconciling itself). @default false */
  suspend: boolean;
  /** Objects that must be Ready first (e.g. the RemoteSync installing the controller). @default [] */
  dependsOn: DependencyRef[];
  /** On deletion: `Delete` deletes the remote Sync (its finalizer prunes), `Orphan` leaves it. @default 'Delete' */
  deletionPolicy: DeletionPolicy;
}

/** The JSON form of a {@link ProxySyncSpec}. */
export interface ProxySyncSpecJson {
  kubeConfig: KubeConfigRef;
  template: SyncTemplateJson;
  interval?: string;
  retryInterval?: string;
  timeout?: string;
  suspend?: boolean;
  dependsOn?: DependencyRef[];
  deletionPolicy?: DeletionPolicy;
}

const QUALIFIED_KEYS_NOTE = 'Keys must be qualified names ([prefix/]name).';

const templateMetadataField = objectField(
  {
    name: optional(
      stringField({
        description: 'The remote Sync name; the ProxySync name when absent.',
        pattern: DNS_SUBDOMAIN_PATTERN,
        patternHint: 'must be a DNS-1123 subdomain (lowercase alphanumerics, "-" and ".")',
        minLength: 1,
        maxLength: DNS_SUBDOMAIN_MAX,
      }),
    ),
    namespace: optional(
      stringField({
        description: 'The remote Sync namespace; the ProxySync namespace when absent.',
        pattern: DNS_LABEL_PATTERN,
        patternHint: 'must be a DNS-1123 label (lowercase alphanumerics and "-")',
        minLength: 1,
        maxLength: DNS_LABEL_MAX,
      }),
    ),
    labels: optional(
      stringMapField({
        description: `Labels of the remote Sync. ${QUALIFIED_KEYS_NOTE}`,
        qualifiedKeys: true,
        values: {
          pattern: LABEL_VALUE_PATTERN,
          patternHint: 'must be a label value (at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric)',
          maxLength: LABEL_VALUE_MAX,
        },
      }),
    ),
    annotations: optional(stringMapField({ description: `Annotations of the remote Sync. ${QUALIFIED_KEYS_NOTE}`, qualifiedKeys: true })),
  },
  { description: 'Metadata of the remote Sync.' },
);

const templateField = objectField(
  { metadata: optional(templateMetadataField), spec: required(syncSpecField) },
  { description: 'The Sync to maintain in the remote cluster, where the remote controller reconciles it on its own.' },
);

const proxySyncSpecObject = objectField(
  { kubeConfig: required(kubeConfigField), template: required(templateField), ...intervalProps, ...lifecycleProps },
  { description: 'A Sync to maintain in the remote cluster reached through kubeConfig, and how to watch over it.' },
);

/** The `spec` field of a ProxySync: codec and schema. */
export const proxySyncSpecField: SchemaCodec<ProxySyncSpec, ProxySyncSpecJson> = withRetryDefault(proxySyncSpecObject);

/**
 * io-ts codec of a `ProxySync` spec.
 *
 * @example
 * ```ts
 * import { ProxySyncSpecCodec } from 'syncprims';
 * const r = ProxySyncSpecCodec.decode({
 *   kubeConfig: { secretRef: { name: 'edge-1-kubeconfig' } },
 *   template: { metadata: { namespace: 'apps' }, spec: { source: { configMapRefs: [{ name: 'apps' }] } } },
 * });
 * if (r._tag === 'Right') console.log(r.right.template.spec.interval); // 600000
 * ```
 */
export const ProxySyncSpecCodec: t.Type<ProxySyncSpec, ProxySyncSpecJson, unknown> = proxySyncSpecField.codec;

type _TemplateMetadataAgrees = Expect<Agree<TemplateMetadata, typeof templateMetadataField.codec._A>>;
type _TemplateAgrees = Expect<Agree<SyncTemplate, typeof templateField.codec._A>>;
type _ProxySyncSpecJsonAgrees = Expect<Agree<ProxySyncSpecJson, typeof proxySyncSpecObject.codec._O>>;

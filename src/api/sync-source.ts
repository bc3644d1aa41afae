import type { KubeObject } from '../core/object-ref.js';
import type { Agree, Expect, SchemaCodec } from './schema-codec.js';
import { objectField, optional, required } from './object-field.js';
import { arrayField } from './array-field.js';
import { stringField } from './leaf-fields.js';
import { refineField } from './refine-field.js';
import { manifestField } from './manifest-field.js';
import { DATA_KEY_MAX, DATA_KEY_PATTERN, DNS_SUBDOMAIN_MAX, DNS_SUBDOMAIN_PATTERN } from './name-patterns.js';

/** A ConfigMap in the same namespace whose data holds manifests (YAML or JSON, multi-document). */
export interface ConfigMapRef {
  /** The ConfigMap name. */
  name: string;
  /** Read only this data key. @default undefined (every key, in key order) */
  key?: string;
}

/**
 * Where a Sync's manifests come from: objects written inline, ConfigMaps, or both (inline
 * first). At least one object or ConfigMap is required.
 */
export interface SyncSource {
  /** Objects to apply, as written. @default undefined */
  inline?: KubeObject[];
  /** ConfigMaps in the same namespace holding manifests. @default undefined */
  configMapRefs?: ConfigMapRef[];
}

const configMapRefField = objectField(
  {
    name: required(
      stringField({
        description: 'The ConfigMap name (same namespace).',
        pattern: DNS_SUBDOMAIN_PATTERN,
        patternHint: 'must be a DNS-1123 subdomain (lowercase alphanumerics, "-" and ".")',
        minLength: 1,
        maxLength: DNS_SUBDOMAIN_MAX,
      }),
    ),
    key: optional(
      stringField({
        description: 'Read only this data key; every key when absent.',
        pattern: DATA_KEY_PATTERN,
        patternHint: 'must be a ConfigMap key (alphanumerics, "-", "_" and ".")',
        maxLength: DATA_KEY_MAX,
      }),
    ),
  },
  { description: 'A ConfigMap holding manifests.' },
);

const sourceObjectField = objectField(
  {
    inline: optional(arrayField(manifestField, { description: 'Objects to apply, as written.' })),
    configMapRefs: optional(arrayField(configMapRefField, { description: 'ConfigMaps in the same namespace holding manifests (YAML or JSON, multi-document).' })),
  },
  { description: 'Where the manifests come from: inline objects and/or ConfigMaps; at least one entry.' },
);

const countEntries = (s: SyncSource): number => (s.inline?.length ?? 0) + (s.configMapRefs?.length ?? 0);

/** The `source` field: at least one inline object or ConfigMap reference. */
export const sourceField: SchemaCodec<SyncSource> = refineField(
  sourceObjectField,
  (s) => (countEntries(s) === 0 ? 'needs at least one object in inline or one entry in configMapRefs' : undefined),
  {
    anyOf: [
      { required: ['inline'], properties: { inline: { minItems: 1 } } },
      { required: ['configMapRefs'], properties: { configMapRefs: { minItems: 1 } } },
    ],
  },
);

// Compile-time proof that the documented types equal the codec's.
type _SourceAgrees = Expect<Agree<SyncSource, typeof sourceObjectField.codec._A>>;
type _ConfigMapRefAgrees = Expect<Agree<ConfigMapRef, typeof configMapRefField.codec._A>>;

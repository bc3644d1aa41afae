import type { KubeObject } from '../core/object-ref.js';
import type { SchemaCodec } from './schema-codec.js';
import { objectField, optional, required } from './object-field.js';
import { stringField } from './leaf-fields.js';
import { mapField } from './map-field.js';

const isManifest = (u: unknown): u is KubeObject => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
  const o = u as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  return typeof o.apiVersion === 'string' && typeof o.kind === 'string' && typeof o.metadata?.name === 'string';
};

const metadataField = objectField(
  {
    name: required(stringField({ description: 'The object name.', minLength: 1 })),
    namespace: optional(stringField({ description: 'The object namespace (or `targetNamespace`).' })),
  },
  { description: 'The object metadata; kept as written.', preserveUnknownFields: true },
);

const rawManifestField = objectField(
  {
    apiVersion: required(stringField({ description: 'The object apiVersion, e.g. `apps/v1`.', minLength: 1 }), ),
    kind: required(stringField({ description: 'The object kind, e.g. `Deployment`.', minLength: 1 })),
    metadata: required(metadataField),
  },
  {
    description: 'A Kubernetes object to apply, kept as written (x-kubernetes-preserve-unknown-fields).',
    preserveUnknownFields: true,
  },
);

/**
 * One embedded Kubernetes object (`spec.source.inline[*]`): `apiVersion`, `kind` and
 * `metadata.name` are required, everything else is kept as written. Deeper validation (names,
 * duplicates, namespaces) is the Sync's own, before its first write.
 */
export const manifestField: SchemaCodec<KubeObject, { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }> =
  mapField(rawManifestField, (o): KubeObject => o, (k) => k, isManifest);

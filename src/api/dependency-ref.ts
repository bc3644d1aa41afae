import type { Agree, Expect, SchemaCodec } from './schema-codec.js';
import { KINDS, type SyncKind } from './group.js';
import { objectField, required } from './object-field.js';
import { arrayField } from './array-field.js';
import { enumField, stringField } from './leaf-fields.js';
import { DNS_SUBDOMAIN_MAX, DNS_SUBDOMAIN_PATTERN } from './name-patterns.js';

/** A syncprims object in the same namespace that must be Ready (at its current generation) first. */
export interface DependencyRef {
  /** `Sync`, `RemoteSync` or `ProxySync`. */
  kind: SyncKind;
  /** Its name. */
  name: string;
}

const dependencyRefField = objectField(
  {
    kind: required(enumField(KINDS, 'The kind of the dependency: Sync, RemoteSync or ProxySync.')),
    name: required(
      stringField({
        description: 'The name of the dependency, in the same namespace.',
        pattern: DNS_SUBDOMAIN_PATTERN,
        patternHint: 'must be a DNS-1123 subdomain (lowercase alphanumerics, "-" and ".")',
        minLength: 1,
        maxLength: DNS_SUBDOMAIN_MAX,
      }),
    ),
  },
  { description: 'A syncprims object in the same namespace.' },
);

/** The `dependsOn` field: a list keyed by (kind, name), duplicates refused. */
export const dependsOnField: SchemaCodec<DependencyRef[]> = arrayField(dependencyRefField, {
  description: 'Objects of any syncprims kind, in the same namespace, that must be Ready at their current generation before this one is reconciled.',
  mapKeys: ['kind', 'name'],
});

type _DependencyRefAgrees = Expect<Agree<DependencyRef, typeof dependencyRefField.codec._A>>;

import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { NonEmptyString } from './codec-parts.js';
import { decodeProblems, type FieldProblem } from './decode-problems.js';
import type { ResourceScope } from './scope-resolver.js';
import type { KindDefinition } from '../core/syncer.js';

/** A kind a CustomResourceDefinition defines, at one served version. */
export interface CrdKind {
  /** `group/version`, e.g. `example.com/v1`. */
  readonly apiVersion: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** `spec.names.plural`, e.g. `widgets`. */
  readonly plural: string;
  readonly scope: ResourceScope;
}

const CRD_GROUP = 'apiextensions.k8s.io';

const VersionCodec = t.type({ name: NonEmptyString, served: t.boolean }, 'a mapping');
const SpecCodec = t.intersection(
  [
    t.type(
      {
        group: NonEmptyString,
        names: t.type({ kind: NonEmptyString, plural: NonEmptyString }, 'a mapping'),
        scope: t.keyof({ Namespaced: null, Cluster: null }, 'one of "Namespaced", "Cluster"'),
      },
      'a mapping',
    ),
    t.partial({ version: NonEmptyString, versions: t.array(VersionCodec, 'a list of mappings') }, 'a mapping'),
  ],
  'a mapping',
);
const CrdCodec = t.type({ spec: SpecCodec }, 'a mapping');

/**
 * Whether an object is a CustomResourceDefinition (`apiextensions.k8s.io/v1`, or `v1beta1`
 * on old clusters).
 *
 * @example
 * ```ts
 * import { isCrd } from 'syncprims';
 * isCrd({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' } }); // true
 * ```
 */
export function isCrd(obj: unknown): boolean {
  if (typeof obj !== 'object' || obj === null) return false;
  const { apiVersion, kind } = obj as { apiVersion?: unknown; kind?: unknown };
  return kind === 'CustomResourceDefinition' && (apiVersion === `${CRD_GROUP}/v1` || apiVersion === `${CRD_GROUP}/v1beta1`);
}

type Decoded = { readonly kinds: CrdKind[]; readonly problems: FieldProblem[] };

/** Decodes a CRD's `spec` (group, names, scope, versions); returns its served kinds, or the problems found. */
export function decodeCrd(obj: unknown): Decoded {
  const decoded = CrdCodec.decode(obj);
  if (isLeft(decoded)) return { kinds: [], problems: decodeProblems(decoded.left) };
  const { spec } = decoded.right;
  const versions = spec.versions ?? (spec.version ? [{ name: spec.version, served: true }] : undefined);
  if (!versions) return { kinds: [], problems: [{ field: 'spec.versions', message: 'is required' }] };
  const kinds = versions
    .filter((v) => v.served)
    .map((v) => ({
      apiVersion: `${spec.group}/${v.name}`,
      group: spec.group,
      version: v.name,
      kind: spec.names.kind,
      plural: spec.names.plural,
      scope: spec.scope,
    }));
  return { kinds, problems: [] };
}

/**
 * The kinds a CustomResourceDefinition makes known: one per served version, with the scope.
 * Returns `[]` for anything that is not a well-formed CRD.
 *
 * @example
 * ```ts
 * import { crdKinds } from 'syncprims';
 * crdKinds({
 *   apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
 *   metadata: { name: 'widgets.example.com' },
 *   spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets' },
 *           versions: [{ name: 'v1', served: true, storage: true }] },
 * }); // [{ apiVersion: 'example.com/v1', kind: 'Widget', scope: 'Namespaced', ... }]
 * ```
 */
export function crdKinds(obj: unknown): CrdKind[] {
  return isCrd(obj) ? decodeCrd(obj).kinds : [];
}

/**
 * The kinds the CRDs among `objects` define, as a dry run of a dependent may assume them
 * (`SyncResult.definesKinds` / `SyncPassOptions.assumeKinds`).
 */
export function kindDefinitions(objects: readonly unknown[]): KindDefinition[] {
  return objects.flatMap((o) => crdKinds(o)).map((k) => ({ apiVersion: k.apiVersion, kind: k.kind, namespaced: k.scope === 'Namespaced' }));
}

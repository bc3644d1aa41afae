import { throwIfAborted } from '../core/abort.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { formatRef, groupOf, refKey, refOf, type KubeObject, type ObjectRef } from '../core/object-ref.js';
import { isSyncError, OptionsError, SyncError, type ValidationIssue } from '../core/sync-error.js';
import { buildValidationError } from './build-validation-error.js';
import { builtinScope } from './builtin-scope.js';
import { checkManifest, type CheckedManifest } from './check-manifest.js';
import { revisionOfDigests } from './compute-revision.js';
import { digestObject } from './digest-object.js';
import type { CrdKind } from './crd-kinds.js';
import type { DesiredObject, DesiredSet } from './desired-set.js';
import { formatOrigin } from './format-origin.js';
import { isDns1123Label } from './kubernetes-names.js';
import type { Manifest, ManifestOrigin } from './manifest.js';
import { manifestIssue } from './manifest-issue.js';
import type { ResourceScope, ScopeResolver } from './scope-resolver.js';

/** Options of {@link prepareDesiredSet}. */
export interface PrepareOptions {
  /**
   * Tells whether the cluster serves a kind and its scope; usually the cluster's REST mapper.
   * Asked once per `apiVersion`/`kind`, and never for kinds a CustomResourceDefinition of the
   * same set defines.
   * @default builtinScope (the built-in Kubernetes kinds; offline)
   */
  resolveScope?: ScopeResolver;
  /**
   * Puts every namespaced object into this namespace, overriding `metadata.namespace` (like
   * Flux's and Kustomize's `targetNamespace`). Must be a DNS-1123 label.
   * @default undefined (each object keeps its namespace; namespaced objects must have one)
   */
  targetNamespace?: string;
  /** Aborts the validation; it then rejects with the signal's reason. @default undefined (no abort) */
  signal?: AbortSignal;
  /** Where diagnostics go (e.g. a namespace dropped from a cluster-scoped object). @default a silent logger */
  logger?: Logger;
}

const gvkKey = (apiVersion: string, kind: string): string => `${apiVersion}\u0000${kind}`;

function isScope(value: unknown): value is ResourceScope {
  return value === 'Namespaced' || value === 'Cluster';
}

async function resolveScopes(
  checked: readonly CheckedManifest[],
  setKinds: ReadonlyMap<string, CrdKind>,
  resolve: ScopeResolver,
  signal: AbortSignal | undefined,
): Promise<Map<string, ResourceScope | undefined>> {
  const scopes = new Map<string, ResourceScope | undefined>();
  const asks = new Map<string, { apiVersion: string; kind: string }>();
  for (const { object } of checked) {
    if (!object) continue;
    const key = gvkKey(object.apiVersion, object.kind);
    const known = setKinds.get(key);
    if (known) scopes.set(key, known.scope);
    else asks.set(key, { apiVersion: object.apiVersion, kind: object.kind });
  }
  await Promise.all(
    [...asks].map(async ([key, { apiVersion, kind }]) => {
      try {
        const scope: unknown = await resolve(apiVersion, kind, signal ? { signal } : {});
        scopes.set(key, isScope(scope) ? scope : undefined);
      } catch (err) {
        throwIfAborted(signal);
        if (isSyncError(err)) throw err;
        throw new SyncError('API_ERROR', `cannot tell the scope of ${kind} (${apiVersion}): ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
          retryable: true,
        });
      }
    }),
  );
  throwIfAborted(signal);
  return scopes;
}

function unknownKindText(object: KubeObject, setKinds: ReadonlyMap<string, CrdKind>): string {
  const group = groupOf(object.apiVersion);
  const versions = [...setKinds.values()].filter((k) => k.group === group && k.kind === object.kind).map((k) => k.version);
  const hint = versions.length > 0 ? ` (a CustomResourceDefinition in the set serves it only at ${versions.join(', ')})` : '';
  return `is unknown: ${object.apiVersion} ${object.kind} is not served by the cluster and no CustomResourceDefinition in the set defines it${hint}`;
}

/**
 * Validates and normalizes the *whole* desired set before anything is written, collecting
 * every problem instead of stopping at the first:
 *
 * - each object: plain JSON, non-empty `apiVersion`, `kind`, `metadata.name`, field types
 *   (`INVALID_MANIFEST`, with the field path); ConfigMap data strings and Secret data base64;
 *   names (`INVALID_NAME`: a DNS-1123 subdomain, a label for Namespace and Service, a path
 *   segment for RBAC kinds; a CRD named `<plural>.<group>`); label keys/values, annotation keys.
 * - kinds: a CustomResourceDefinition in the set makes its served versions known with its
 *   scope; other kinds are asked from `resolveScope` (`UNKNOWN_KIND` when not served).
 * - namespaces: `targetNamespace` is set on every namespaced object; a namespaced object
 *   without one is `MISSING_NAMESPACE`; a namespace must be a DNS-1123 label (`INVALID_NAME`).
 *   A cluster-scoped object's `metadata.namespace` is dropped, as kubectl does.
 * - duplicates (same group, kind, namespace, name after namespace defaulting): `DUPLICATE_OBJECT`
 *   naming both origins.
 *
 * Normalization also removes server-set metadata (`uid`, `resourceVersion`,
 * `managedFields`, `creationTimestamp`...) and `null` labels/annotations.
 *
 * Errors: rejects with a `ValidationError` whose `issues` list every problem (each naming the
 * file, document index, object and field; never a Secret value) and whose `code`/`source` are
 * the first one's; `OptionsError` for an invalid `targetNamespace`; errors of `resolveScope`
 * are passed through (wrapped in `SyncError` `API_ERROR` when untyped); the signal's reason
 * when aborted.
 *
 * @example
 * ```ts
 * import { prepareDesiredSet, Source, ValidationError } from 'syncprims';
 *
 * const manifests = await Source.files('deploy').load();
 * try {
 *   const desired = await prepareDesiredSet(manifests, { targetNamespace: 'web' });
 *   console.log(desired.revision, desired.objects.length);
 * } catch (err) {
 *   if (err instanceof ValidationError) for (const issue of err.issues) console.error(issue.code, issue.message);
 * }
 * ```
 */
export async function prepareDesiredSet(manifests: readonly Manifest[], options: PrepareOptions = {}): Promise<DesiredSet> {
  if (!Array.isArray(manifests)) throw new OptionsError('prepareDesiredSet: `manifests` must be an array');
  const { targetNamespace, signal, logger = silentLogger } = options;
  if (targetNamespace !== undefined && (typeof targetNamespace !== 'string' || !isDns1123Label(targetNamespace))) {
    throw new OptionsError('prepareDesiredSet: `targetNamespace` must be a DNS-1123 label');
  }
  if (options.resolveScope !== undefined && typeof options.resolveScope !== 'function') {
    throw new OptionsError('prepareDesiredSet: `resolveScope` must be a function');
  }
  const resolve: ScopeResolver = options.resolveScope ?? ((apiVersion, kind) => Promise.resolve(builtinScope(apiVersion, kind)));
  throwIfAborted(signal);

  const checked = (manifests as readonly unknown[]).map((entry, index) => checkManifest(entry, index));
  const issues: ValidationIssue[][] = checked.map((c) => [...c.issues]);

  const setKinds = new Map<string, CrdKind>();
  for (const c of checked) for (const k of c.crdKinds) if (!setKinds.has(gvkKey(k.apiVersion, k.kind))) setKinds.set(gvkKey(k.apiVersion, k.kind), k);
  const scopes = await resolveScopes(checked, setKinds, resolve, signal);

  const seen = new Map<string, ManifestOrigin>();
  const desired: DesiredObject[] = [];
  checked.forEach(({ object, origin }, index) => {
    if (!object) return;
    const own = issues[index] ?? [];
    const scope = scopes.get(gvkKey(object.apiVersion, object.kind));
    const given = object.metadata.namespace;
    if (scope === undefined) {
      own.push(manifestIssue('UNKNOWN_KIND', origin, unknownKindText(object, setKinds), { object, field: 'kind' }));
    } else if (scope === 'Namespaced') {
      const namespace = targetNamespace ?? given;
      if (!namespace) {
        own.push(manifestIssue('MISSING_NAMESPACE', origin, 'is not set: the kind is namespaced and no targetNamespace is given', { object, field: 'metadata.namespace' }));
      } else if (!isDns1123Label(namespace)) {
        own.push(manifestIssue('INVALID_NAME', origin, 'must be a DNS-1123 label: at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit', { object, field: 'metadata.namespace' }));
      } else {
        object.metadata.namespace = namespace;
      }
    } else if (given !== undefined) {
      delete object.metadata.namespace;
      logger.debug('dropped metadata.namespace of a cluster-scoped object', { ref: formatRef(refOf(object)), origin: formatOrigin(origin) });
    }

    const namespace = scope === 'Cluster' ? undefined : (targetNamespace ?? given);
    const ref: ObjectRef = { ...refOf(object), ...(namespace ? { namespace } : {}) };
    const key = refKey(ref);
    const first = seen.get(key);
    if (first) {
      own.push(manifestIssue('DUPLICATE_OBJECT', origin, `is defined twice: also at ${formatOrigin(first)}`, { ref }));
    } else {
      seen.set(key, origin);
    }
    if (own.length === 0) desired.push({ object, ref: refOf(object), origin, namespaced: scope === 'Namespaced', digest: digestObject(object) });
  });

  const all = issues.flat();
  if (all.length > 0) throw buildValidationError(all);
  // Each object is serialized and hashed once, here: the apply engine reuses the digests.
  return { objects: desired, revision: revisionOfDigests(desired.map((d) => d.digest)) };
}

/**
 * Identifies one Kubernetes object: its `apiVersion`, `kind`, optional `namespace` and `name`.
 *
 * @example
 * ```ts
 * import { formatRef, type ObjectRef } from 'syncprims';
 * const ref: ObjectRef = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'app' };
 * formatRef(ref); // 'ConfigMap default/app'
 * ```
 */
export interface ObjectRef {
  /** `group/version`, or `version` for the core group (e.g. `v1`, `apps/v1`). */
  readonly apiVersion: string;
  /** The object's kind, e.g. `ConfigMap`. */
  readonly kind: string;
  /** The namespace; absent for cluster-scoped objects. */
  readonly namespace?: string;
  /** The object's `metadata.name`. */
  readonly name: string;
}

/**
 * Renders a reference for humans: `Kind namespace/name`, or `Kind name` when cluster-scoped.
 *
 * @example
 * ```ts
 * import { formatRef } from 'syncprims';
 * formatRef({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' }); // 'Deployment web/api'
 * ```
 */
export function formatRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

/**
 * A stable string key for a reference, for maps and sets: `group/Kind/namespace/name`.
 *
 * The version is left out on purpose: the same object served at two versions is one object.
 */
export function refKey(ref: ObjectRef): string {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  return `${group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** Returns the API group of an `apiVersion` (`''` for the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Extracts the {@link ObjectRef} of a Kubernetes object. */
export function refOf(obj: KubeObject): ObjectRef {
  const ns = obj.metadata.namespace;
  return ns
    ? { apiVersion: obj.apiVersion, kind: obj.kind, namespace: ns, name: obj.metadata.name }
    : { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name };
}

/**
 * A Kubernetes object as plain JSON: the shape every part of syncprims works on.
 *
 * Only the fields syncprims relies on are typed; everything else is kept as is.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMetadata;
  [field: string]: unknown;
}

/** The parts of `metadata` that syncprims reads or writes. */
export interface KubeMetadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  deletionTimestamp?: string;
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  [field: string]: unknown;
}

/** One entry of `metadata.managedFields` (server-side apply field ownership). */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

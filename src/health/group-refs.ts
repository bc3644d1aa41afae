import { refKey, type ObjectRef } from '../core/object-ref.js';

/** The awaited objects of one `apiVersion`, kind and namespace: one list+watch serves them all. */
export interface RefGroup {
  readonly apiVersion: string;
  readonly kind: string;
  /** Absent for cluster-scoped kinds. */
  readonly namespace?: string;
  /** The awaited names. */
  readonly names: ReadonlySet<string>;
}

/** Groups references by `apiVersion`, kind and namespace, dropping duplicates (same {@link refKey}). */
export function groupRefs(refs: readonly ObjectRef[]): RefGroup[] {
  const seen = new Set<string>();
  const groups = new Map<string, { apiVersion: string; kind: string; namespace?: string; names: Set<string> }>();
  for (const ref of refs) {
    const key = refKey(ref);
    if (seen.has(key)) continue;
    seen.add(key);
    const groupKey = `${ref.apiVersion}\u0000${ref.kind}\u0000${ref.namespace ?? ''}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = {
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        ...(ref.namespace ? { namespace: ref.namespace } : {}),
        names: new Set<string>(),
      };
      groups.set(groupKey, group);
    }
    group.names.add(ref.name);
  }
  return [...groups.values()];
}

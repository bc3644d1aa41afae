import type { ObjectRef } from '../core/object-ref.js';

/**
 * Rank of a kind in teardown order: namespaced objects first, then other cluster-scoped
 * objects, then CRDs, then Namespaces last (their deletion removes everything inside them).
 */
export function pruneRank(ref: ObjectRef): number {
  if (ref.kind === 'Namespace' && ref.apiVersion === 'v1') return 3;
  if (ref.kind === 'CustomResourceDefinition') return 2;
  return ref.namespace ? 0 : 1;
}

/** Sorts references into teardown order (stable within a rank). */
export function sortForPrune<T extends ObjectRef>(refs: readonly T[]): T[] {
  return refs
    .map((ref, i) => ({ ref, i }))
    .sort((a, b) => pruneRank(a.ref) - pruneRank(b.ref) || a.i - b.i)
    .map((x) => x.ref);
}

import type { ObjectRef } from '../core/object-ref.js';
import { groupOf } from '../core/object-ref.js';

/** Kinds applied in the first stage, before everything else: they define where and what the rest may be. */
export function isPrerequisite(ref: ObjectRef): boolean {
  const group = groupOf(ref.apiVersion);
  return (
    (group === 'apiextensions.k8s.io' && ref.kind === 'CustomResourceDefinition') ||
    (group === '' && ref.kind === 'Namespace') ||
    (group === 'rbac.authorization.k8s.io' && ref.kind === 'ClusterRole')
  );
}

/** Kinds whose readiness gates the second stage: CRDs must be Established, Namespaces Active. */
export function gatesSecondStage(ref: ObjectRef): boolean {
  return isPrerequisite(ref) && ref.kind !== 'ClusterRole';
}

/** Splits objects into the two apply stages, keeping input order within each. */
export function planStages<T extends { ref: ObjectRef }>(objects: readonly T[]): { first: T[]; second: T[] } {
  const first: T[] = [];
  const second: T[] = [];
  for (const o of objects) (isPrerequisite(o.ref) ? first : second).push(o);
  return { first, second };
}

import type { KubeObject } from '../src/index.js';

/** The custom resource kind of one generated set: its CRD is part of the set. */
export interface BenchCustomKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  /** The CRD's `metadata.name`: `<plural>.<group>`. */
  readonly crdName: string;
}

/**
 * One generated desired set. `prerequisites` (Namespaces and the CRD) must be applied and
 * established before `objects` (ConfigMaps, Deployments, Services, custom resources).
 */
export interface BenchSet {
  /** Unique per contender run; names the namespaces, the custom kind and the syncprims Sync. */
  readonly runId: string;
  readonly prerequisites: readonly KubeObject[];
  readonly objects: readonly KubeObject[];
  /** The set's custom kind; absent for a ConfigMaps-only set. */
  readonly customKind?: BenchCustomKind;
  readonly namespaces: readonly string[];
}

/** Total number of objects in a set (prerequisites included). */
export function countObjects(set: BenchSet): number {
  return set.prerequisites.length + set.objects.length;
}

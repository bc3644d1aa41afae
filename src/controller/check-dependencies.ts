import type { KubeObject } from '../core/object-ref.js';
import type { SyncKind } from '../api/group.js';
import type { DependencyRef } from '../api/dependency-ref.js';
import { decodeStatus } from '../api/decode-status.js';
import { ConditionTypes, findCondition, isReadyAtGeneration } from '../api/status.js';

/** What {@link checkDependencies} found. */
export type DependencyCheck =
  | { readonly ready: true }
  | {
      readonly ready: false;
      /** The first dependency not ready, as `Kind/name`. */
      readonly waitingFor: string;
      /** For the status: `waiting for Sync/crds: <why>` (and how many more are not ready). */
      readonly message: string;
    };

/** Finds a custom resource by kind, namespace and name (the controller's informer caches). */
export type ObjectLookup = (kind: SyncKind, namespace: string, name: string) => KubeObject | undefined;

/** Why one dependency is not ready, or `undefined` when it is. */
export function describeNotReady(kind: SyncKind, obj: KubeObject | undefined): string | undefined {
  if (!obj) return 'not found';
  if (obj.metadata.deletionTimestamp) return 'being deleted';
  const decoded = decodeStatus(kind, obj);
  if (!decoded.ok) return `unreadable status (${decoded.path}: ${decoded.message})`;
  const generation = obj.metadata.generation;
  if (isReadyAtGeneration(decoded.status, generation)) return undefined;
  const ready = findCondition(decoded.status.conditions, ConditionTypes.Ready);
  if (decoded.status.observedGeneration !== generation) {
    return `generation ${generation ?? '?'} not reconciled yet (observed ${decoded.status.observedGeneration})`;
  }
  if (!ready) return 'no Ready condition yet';
  return ready.message ? `${ready.reason}: ${ready.message}` : `Ready=${ready.status} (${ready.reason})`;
}

/**
 * Checks that every dependency (same namespace) is Ready at its current generation:
 * `status.observedGeneration == metadata.generation` and `Ready=True` (see `isReadyAtGeneration`).
 * Pure: objects come from `lookup`.
 *
 * @example
 * ```ts
 * import { checkDependencies } from 'syncprims';
 * const check = checkDependencies('apps', [{ kind: 'Sync', name: 'crds' }], () => undefined);
 * if (!check.ready) console.log(check.message); // waiting for Sync/crds: not found
 * ```
 */
export function checkDependencies(namespace: string, dependsOn: readonly DependencyRef[], lookup: ObjectLookup): DependencyCheck {
  const waiting: { ref: string; why: string }[] = [];
  for (const dep of dependsOn) {
    const why = describeNotReady(dep.kind, lookup(dep.kind, namespace, dep.name));
    if (why !== undefined) waiting.push({ ref: `${dep.kind}/${dep.name}`, why });
  }
  const first = waiting[0];
  if (!first) return { ready: true };
  const more = waiting.length > 1 ? ` (and ${waiting.length - 1} more: ${waiting.slice(1).map((w) => w.ref).join(', ')})` : '';
  return { ready: false, waitingFor: first.ref, message: `waiting for ${first.ref}: ${first.why}${more}` };
}

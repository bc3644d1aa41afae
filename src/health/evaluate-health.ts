import type { KubeObject } from '../core/object-ref.js';
import { OptionsError } from '../core/sync-error.js';
import { findBuiltinRule } from './builtin-rules.js';
import { checkGeneric, checkReadyCondition } from './generic-health.js';
import type { HealthStatus } from './health-status.js';
import { ruleMatches, type HealthRule } from './health-rule.js';
import { readString } from './status-fields.js';

const healthStates: ReadonlySet<unknown> = new Set(['Current', 'InProgress', 'Failed', 'Terminating']);

/**
 * Computes an object's readiness from its `spec` and `status`, the way kstatus does. Pure: no I/O.
 *
 * Order of checks:
 * 1. `metadata.deletionTimestamp` set -> `Terminating`.
 * 2. custom `rules` matching the object's kind, in order; the first that returns a status wins.
 * 3. generic kstatus checks: `status.observedGeneration` behind `metadata.generation` ->
 *    InProgress; `Stalled=True` -> Failed; `Reconciling=True` -> InProgress.
 * 4. the built-in rule of the kind: Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod, Job
 *    (Complete), PersistentVolumeClaim (Bound), CustomResourceDefinition (Established),
 *    Namespace (Active), Service (LoadBalancer address), PodDisruptionBudget.
 * 5. any other kind: a `Ready` condition decides (True -> Current, False/Unknown -> InProgress);
 *    without one (or without a status) the object is Current once it exists.
 *
 * A malformed `status` never throws: fields of the wrong type read as absent.
 *
 * Errors: throws {@link OptionsError} when a custom rule returns something that is not a
 * {@link HealthStatus}; an exception thrown by a custom rule propagates.
 *
 * Caveats: Pod `Failed` and Job-not-complete are stricter than kstatus, Service of type
 * LoadBalancer waits for an address; see the rules of each kind in the docs.
 *
 * @example
 * ```ts
 * import { evaluateHealth } from 'syncprims';
 * const health = evaluateHealth({
 *   apiVersion: 'batch/v1',
 *   kind: 'Job',
 *   metadata: { name: 'migrate', namespace: 'db' },
 *   status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] },
 * });
 * health.status; // 'Failed'
 * ```
 */
export function evaluateHealth(obj: KubeObject, rules: readonly HealthRule[] = []): HealthStatus {
  if (readString(obj, ['metadata', 'deletionTimestamp'], '') !== '') {
    return { status: 'Terminating', message: 'Resource scheduled for deletion' };
  }
  for (const rule of rules) {
    if (!ruleMatches(rule, obj)) continue;
    const decided = rule.evaluate(obj);
    if (decided === undefined) continue;
    if (!healthStates.has(decided?.status) || typeof decided.message !== 'string') {
      throw new OptionsError(`health rule for ${rule.kind} returned an invalid status: ${JSON.stringify(decided)}`);
    }
    return decided;
  }
  const generic = checkGeneric(obj);
  if (generic) return generic;
  const builtin = findBuiltinRule(obj);
  return builtin ? builtin(obj) : checkReadyCondition(obj);
}

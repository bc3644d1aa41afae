import type { KubeObject } from '../core/object-ref.js';
import { current, failed, inProgress, type HealthStatus } from './health-status.js';
import { describeCondition, findCondition, readConditions, readOptionalInt, type Condition } from './status-fields.js';

/**
 * The kstatus generic checks that hold for every kind, run before the kind's own rule:
 *
 * 1. `status.observedGeneration` present and different from `metadata.generation` -> InProgress
 *    (the controller has not seen the latest spec).
 * 2. `Stalled=True` -> Failed; `Reconciling=True` -> InProgress. When both are set, Stalled wins
 *    (kstatus takes whichever comes first in the list; a stall is the more useful report).
 *    A `Stalled` condition whose own `observedGeneration` is older than the object's
 *    generation describes an old spec and reads as InProgress.
 *
 * Returns `undefined` when these checks cannot decide.
 */
export function checkGeneric(obj: KubeObject): HealthStatus | undefined {
  const generation = readOptionalInt(obj, ['metadata', 'generation']);
  const observed = readOptionalInt(obj, ['status', 'observedGeneration']);
  if (generation !== undefined && observed !== undefined && observed !== generation) {
    return inProgress(`${obj.kind} generation is ${generation}, but latest observed generation is ${observed}`);
  }
  const conditions = readConditions(obj);
  const stalled = conditions.find((c) => c.type === 'Stalled' && c.status === 'True');
  if (stalled) {
    if (isStale(stalled, generation)) return staleCondition(stalled, generation);
    return failed(describeCondition(stalled));
  }
  const reconciling = conditions.find((c) => c.type === 'Reconciling' && c.status === 'True');
  if (reconciling) return inProgress(reconciling.message || reconciling.reason || 'Reconciling');
  return undefined;
}

/**
 * The fallback for kinds without a built-in rule (an extension of kstatus, which stops at
 * Current): a `Ready` condition decides when present.
 *
 * - `Ready=True` -> Current (InProgress if the condition's `observedGeneration` is stale).
 * - `Ready=False` or `Unknown` -> InProgress with the condition's reason. Not Failed: only
 *   `Stalled=True` signals a terminal failure in kstatus, and many controllers report
 *   transient errors as `Ready=False`; the wait's timeout bounds them.
 * - no `Ready` condition (or no status at all) -> Current.
 */
export function checkReadyCondition(obj: KubeObject): HealthStatus {
  const ready = findCondition(readConditions(obj), 'Ready');
  if (!ready) return current('Resource is current');
  const generation = readOptionalInt(obj, ['metadata', 'generation']);
  if (isStale(ready, generation)) return staleCondition(ready, generation);
  if (ready.status === 'True') return current(ready.message || 'Resource is Ready');
  return inProgress(`not Ready: ${describeCondition(ready)}`);
}

function isStale(c: Condition, generation: number | undefined): boolean {
  return generation !== undefined && c.observedGeneration !== undefined && c.observedGeneration < generation;
}

function staleCondition(c: Condition, generation: number | undefined): HealthStatus {
  return inProgress(`${c.type} condition is for generation ${c.observedGeneration ?? '?'}, object is at ${generation ?? '?'}`);
}

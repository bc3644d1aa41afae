import { healthRule, type HealthRule } from '../health/index.js';
import { GROUP } from '../api/group.js';
import { decodeStatus } from '../api/decode-status.js';
import { ConditionTypes, findCondition, isReadyAtGeneration } from '../api/status.js';

/**
 * Readiness of a syncprims `Sync` custom resource as its controller reports it: ready only once
 * the controller observed the current generation and set `Ready=True`; failed on `Stalled=True`
 * at that generation; in progress otherwise (no status yet, reconciling, retrying).
 *
 * The generic kstatus rule would call a resource without status ready, i.e. before any
 * controller looked at it; a recipe that hands over to a Sync resource must not.
 */
export const syncResourceHealth: HealthRule = healthRule({ group: GROUP, kind: 'Sync' }, (obj) => {
  const decoded = decodeStatus('Sync', obj);
  if (!decoded.ok) return { status: 'InProgress', message: `status not readable yet: ${decoded.message}` };
  const status = decoded.status;
  const generation = obj.metadata.generation;
  if (isReadyAtGeneration(status, generation)) return { status: 'Current', message: status.message || 'Ready' };
  if (status.observedGeneration !== generation) {
    return { status: 'InProgress', message: `the controller has not observed generation ${generation ?? '?'} yet` };
  }
  const stalled = findCondition(status.conditions, ConditionTypes.Stalled);
  if (stalled?.status === 'True') return { status: 'Failed', message: `Stalled: ${stalled.message || stalled.reason}` };
  const ready = findCondition(status.conditions, ConditionTypes.Ready);
  return { status: 'InProgress', message: ready ? `Ready=${ready.status} ${ready.reason}: ${ready.message}` : 'no Ready condition yet' };
});

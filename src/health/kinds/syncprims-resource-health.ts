import type { KubeObject } from '../../core/object-ref.js';
import type { HealthStatus } from '../health-status.js';
import { decodeStatus } from '../../api/decode-status.js';
import { isSyncKind } from '../../api/group.js';
import { ConditionTypes, findCondition, isReadyAtGeneration } from '../../api/status.js';

/**
 * Readiness of a syncprims custom resource (`Sync`, `RemoteSync`, `ProxySync`) as its controller
 * reports it: Current only once the controller observed the current generation and set
 * `Ready=True`; Failed on `Stalled=True` at that generation; InProgress otherwise (no status
 * yet, reconciling, retrying). The generic rule would call a resource without status ready,
 * i.e. before any controller looked at it.
 */
export function evaluateSyncprimsResource(obj: KubeObject): HealthStatus {
  if (!isSyncKind(obj.kind)) return { status: 'InProgress', message: `unknown syncprims kind ${obj.kind}` };
  const decoded = decodeStatus(obj.kind, obj);
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
}

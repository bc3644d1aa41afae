import type { KubeObject } from '../../core/object-ref.js';
import { current, failed, inProgress, type HealthStatus } from '../health-status.js';
import { describeCondition, readConditions } from '../status-fields.js';

/**
 * CustomResourceDefinition (kstatus):
 * - `NamesAccepted=False` -> Failed (the names clash with another CRD).
 * - `Established=False` with a reason other than `Installing` -> Failed.
 * - `Established=True` -> Current; anything else InProgress.
 */
export function evaluateCustomResourceDefinition(obj: KubeObject): HealthStatus {
  for (const c of readConditions(obj)) {
    if (c.type === 'NamesAccepted' && c.status === 'False') return failed(`CRD names not accepted: ${describeCondition(c)}`);
    if (c.type === 'Established') {
      if (c.status === 'False' && c.reason !== 'Installing') return failed(`CRD not established: ${describeCondition(c)}`);
      if (c.status === 'True') return current('CRD is established');
    }
  }
  return inProgress('CRD is not established yet');
}

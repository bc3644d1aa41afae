import type { KubeObject } from '../../core/object-ref.js';
import { current, inProgress, type HealthStatus } from '../health-status.js';
import { readString } from '../status-fields.js';

/** PersistentVolumeClaim (kstatus): Current when `status.phase` is `Bound`, else InProgress. */
export function evaluatePersistentVolumeClaim(obj: KubeObject): HealthStatus {
  const phase = readString(obj, ['status', 'phase'], '');
  if (phase === 'Bound') return current('PVC is Bound');
  return inProgress(`PVC is not Bound. Phase: ${phase || 'unknown'}`);
}

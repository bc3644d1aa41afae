import type { KubeObject } from '../../core/object-ref.js';
import { current, inProgress, type HealthStatus } from '../health-status.js';
import { readString } from '../status-fields.js';

/**
 * Namespace: Current when `status.phase` is `Active`; `Terminating` when the phase says so
 * (normally already caught by `metadata.deletionTimestamp`); InProgress otherwise.
 */
export function evaluateNamespace(obj: KubeObject): HealthStatus {
  const phase = readString(obj, ['status', 'phase'], '');
  if (phase === 'Active') return current('Namespace is Active');
  if (phase === 'Terminating') return { status: 'Terminating', message: 'Namespace is terminating' };
  return inProgress(`Namespace phase: ${phase || 'unknown'}`);
}

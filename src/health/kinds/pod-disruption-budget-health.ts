import type { KubeObject } from '../../core/object-ref.js';
import { current, type HealthStatus } from '../health-status.js';

/**
 * PodDisruptionBudget (kstatus): Current once the generic `observedGeneration` check passed,
 * i.e. the disruption controller has computed the allowed disruptions for the latest spec.
 */
export function evaluatePodDisruptionBudget(_obj: KubeObject): HealthStatus {
  return current('AllowedDisruptions has been computed');
}

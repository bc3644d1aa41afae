import type { KubeObject } from '../../core/object-ref.js';
import { current, inProgress, type HealthStatus } from '../health-status.js';
import { readInt, readOptionalInt } from '../status-fields.js';

/**
 * DaemonSet (kstatus rules):
 * - InProgress until the controller has acted on it: `metadata.generation` and
 *   `status.observedGeneration` set, `status.desiredNumberScheduled` present.
 * - InProgress while current, updated, available or ready pods are fewer than desired.
 */
export function evaluateDaemonSet(obj: KubeObject): HealthStatus {
  if (readOptionalInt(obj, ['metadata', 'generation']) === undefined) {
    return inProgress('DaemonSet metadata.generation not found');
  }
  if (readOptionalInt(obj, ['status', 'observedGeneration']) === undefined) {
    return inProgress('DaemonSet status.observedGeneration not found');
  }
  const desired = readOptionalInt(obj, ['status', 'desiredNumberScheduled']);
  if (desired === undefined) return inProgress('Missing status.desiredNumberScheduled');
  const scheduled = readInt(obj, ['status', 'currentNumberScheduled'], 0);
  const updated = readInt(obj, ['status', 'updatedNumberScheduled'], 0);
  const available = readInt(obj, ['status', 'numberAvailable'], 0);
  const ready = readInt(obj, ['status', 'numberReady'], 0);
  if (desired > scheduled) return inProgress(`Current: ${scheduled}/${desired}`);
  if (desired > updated) return inProgress(`Updated: ${updated}/${desired}`);
  if (desired > available) return inProgress(`Available: ${available}/${desired}`);
  if (desired > ready) return inProgress(`Ready: ${ready}/${desired}`);
  return current(`All replicas scheduled as expected. Replicas: ${desired}`);
}

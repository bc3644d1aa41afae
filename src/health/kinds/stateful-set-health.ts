import type { KubeObject } from '../../core/object-ref.js';
import { current, inProgress, type HealthStatus } from '../health-status.js';
import { readInt, readString } from '../status-fields.js';

/**
 * StatefulSet (kstatus rules; its controller sets no conditions):
 * - `OnDelete` update strategy -> Current (the user rolls pods by hand).
 * - InProgress while `status.replicas` or `readyReplicas` < `spec.replicas` (default 1), or
 *   extra pods are terminating.
 * - with a `rollingUpdate.partition`: Current once `updatedReplicas` >= replicas - partition.
 * - otherwise InProgress until `currentReplicas` reaches `spec.replicas` and
 *   `currentRevision` equals `updateRevision`.
 */
export function evaluateStatefulSet(obj: KubeObject): HealthStatus {
  if (readString(obj, ['spec', 'updateStrategy', 'type'], '') === 'OnDelete') {
    return current('StatefulSet is using the OnDelete update strategy');
  }
  const spec = readInt(obj, ['spec', 'replicas'], 1);
  const replicas = readInt(obj, ['status', 'replicas'], 0);
  const ready = readInt(obj, ['status', 'readyReplicas'], 0);
  const currentReplicas = readInt(obj, ['status', 'currentReplicas'], 0);
  const updated = readInt(obj, ['status', 'updatedReplicas'], 0);
  const partition = readInt(obj, ['spec', 'updateStrategy', 'rollingUpdate', 'partition'], -1);

  if (spec > replicas) return inProgress(`Replicas: ${replicas}/${spec}`);
  if (spec > ready) return inProgress(`Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress(`Pending termination: ${replicas - spec}`);
  if (partition !== -1) {
    const target = Math.max(spec - partition, 0);
    if (updated < target) return inProgress(`Partitioned rollout: updated ${updated}/${target}`);
    return current(`Partitioned rollout complete. Updated: ${updated}`);
  }
  if (spec > currentReplicas) return inProgress(`Current: ${currentReplicas}/${spec}`);
  const currentRevision = readString(obj, ['status', 'currentRevision'], '');
  const updateRevision = readString(obj, ['status', 'updateRevision'], '');
  if (currentRevision !== updateRevision) {
    return inProgress(`Waiting for revision ${updateRevision || '?'} (current: ${currentRevision || '?'})`);
  }
  return current(`All replicas scheduled as expected. Replicas: ${replicas}`);
}

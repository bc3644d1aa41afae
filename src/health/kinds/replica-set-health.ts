import type { KubeObject } from '../../core/object-ref.js';
import { current, inProgress, type HealthStatus } from '../health-status.js';
import { describeCondition, readConditions, readInt } from '../status-fields.js';

/**
 * ReplicaSet (kstatus rules):
 * - `ReplicaFailure=True` -> InProgress (e.g. a quota refused a pod; it may clear).
 * - InProgress while labelled, available or ready replicas are fewer than `spec.replicas`
 *   (default 1), or extra pods are terminating.
 */
export function evaluateReplicaSet(obj: KubeObject): HealthStatus {
  const failure = readConditions(obj).find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
  if (failure) return inProgress(`Replica failure: ${describeCondition(failure)}`);
  const spec = readInt(obj, ['spec', 'replicas'], 1);
  const replicas = readInt(obj, ['status', 'replicas'], 0);
  const labelled = readInt(obj, ['status', 'fullyLabeledReplicas'], 0);
  const available = readInt(obj, ['status', 'availableReplicas'], 0);
  const ready = readInt(obj, ['status', 'readyReplicas'], 0);
  if (spec > labelled) return inProgress(`Labelled: ${labelled}/${spec}`);
  if (spec > available) return inProgress(`Available: ${available}/${spec}`);
  if (spec > ready) return inProgress(`Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress(`Pending termination: ${replicas - spec}`);
  return current(`ReplicaSet is available. Replicas: ${replicas}`);
}

import type { KubeObject } from '../../core/object-ref.js';
import { current, failed, inProgress, type HealthStatus } from '../health-status.js';
import { readConditions, readInt } from '../status-fields.js';

/** The sentinel the Deployment controller uses for "no progress deadline". */
const NO_DEADLINE = 2147483647;

/**
 * Deployment (kstatus rules):
 * - `Progressing` with reason `ProgressDeadlineExceeded` -> Failed.
 * - InProgress while replicas (`status.replicas` < `spec.replicas`, default 1), updated,
 *   available or ready replicas fall short, or old pods are still terminating.
 * - then InProgress until `Progressing=True` with `NewReplicaSetAvailable` (unless no progress
 *   deadline is set) and `Available=True`; Current after that.
 */
export function evaluateDeployment(obj: KubeObject): HealthStatus {
  const conditions = readConditions(obj);
  let rolledOut = readInt(obj, ['spec', 'progressDeadlineSeconds'], NO_DEADLINE) === NO_DEADLINE;
  let available = false;
  for (const c of conditions) {
    if (c.type === 'Progressing') {
      if (c.reason === 'ProgressDeadlineExceeded') {
        return failed(`Progress deadline exceeded${c.message ? `: ${c.message}` : ''}`);
      }
      if (c.status === 'True' && c.reason === 'NewReplicaSetAvailable') rolledOut = true;
    } else if (c.type === 'Available' && c.status === 'True') {
      available = true;
    }
  }
  const spec = readInt(obj, ['spec', 'replicas'], 1);
  const replicas = readInt(obj, ['status', 'replicas'], 0);
  const updated = readInt(obj, ['status', 'updatedReplicas'], 0);
  const ready = readInt(obj, ['status', 'readyReplicas'], 0);
  const availableReplicas = readInt(obj, ['status', 'availableReplicas'], 0);

  if (spec > replicas) return inProgress(`Replicas: ${replicas}/${spec}`);
  if (spec > updated) return inProgress(`Updated: ${updated}/${spec}`);
  if (replicas > spec) return inProgress(`Pending termination: ${replicas - spec}`);
  if (updated > availableReplicas) return inProgress(`Available: ${availableReplicas}/${updated}`);
  if (spec > ready) return inProgress(`Ready: ${ready}/${spec}`);
  if (!rolledOut) return inProgress('ReplicaSet not Available');
  if (!available) return inProgress('Deployment not Available');
  return current(`Deployment is available. Replicas: ${replicas}`);
}

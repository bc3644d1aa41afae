import type { KubeObject } from '../../core/object-ref.js';
import { current, failed, inProgress, type HealthStatus } from '../health-status.js';
import { describeCondition, readConditions, readInt, readString } from '../status-fields.js';

/**
 * Job: Current only when it has completed (the design's `Job=Complete`).
 * - `Complete=True` -> Current; `Failed=True` -> Failed; `Suspended=True` -> Current (as kstatus:
 *   a suspended job is what its spec asks for).
 * - otherwise InProgress (not started, or running).
 *
 * Difference from kstatus: kstatus reports a *started* job Current; a sync waits for it to finish.
 */
export function evaluateJob(obj: KubeObject): HealthStatus {
  const parallelism = readInt(obj, ['spec', 'parallelism'], 1);
  const completions = readInt(obj, ['spec', 'completions'], parallelism);
  const succeeded = readInt(obj, ['status', 'succeeded'], 0);
  const active = readInt(obj, ['status', 'active'], 0);
  const failedPods = readInt(obj, ['status', 'failed'], 0);
  for (const c of readConditions(obj)) {
    if (c.status !== 'True') continue;
    if (c.type === 'Complete') return current(`Job completed. Succeeded: ${succeeded}/${completions}`);
    if (c.type === 'Failed') return failed(`Job failed (${describeCondition(c)}). Failed pods: ${failedPods}`);
    if (c.type === 'Suspended') return current('Job is suspended');
  }
  if (readString(obj, ['status', 'startTime'], '') === '') return inProgress('Job not started');
  return inProgress(`Job running. Succeeded: ${succeeded}/${completions}, active: ${active}, failed: ${failedPods}`);
}

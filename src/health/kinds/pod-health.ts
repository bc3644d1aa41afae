import type { KubeObject } from '../../core/object-ref.js';
import { current, failed, inProgress, type HealthStatus } from '../health-status.js';
import { describeCondition, findCondition, hasCondition, readArray, readConditions, readPath, readString } from '../status-fields.js';

/**
 * Pod, after kstatus with one documented difference:
 * - `Succeeded` -> Current.
 * - `Failed` -> **Failed** (kstatus reports Current, "completed, but not successfully"; for a
 *   pod a sync applied, a failed run is a failure worth failing fast on).
 * - `Running` with `Ready=True` -> Current.
 * - a container (or init container) waiting in `CrashLoopBackOff` -> Failed (kstatus does this
 *   for running pods; init containers crash-looping keep the pod `Pending`, same verdict).
 * - image pull errors (`ImagePullBackOff`, `ErrImagePull`, ...) -> InProgress, as in kstatus:
 *   they are often transient (a registry hiccup, an image not pushed yet); the reason is named.
 * - `Pending` and unschedulable -> InProgress naming the scheduler's message (kstatus turns
 *   this Failed after 15 s, which needs a clock; these rules stay pure).
 * - no phase yet -> InProgress.
 */
export function evaluatePod(obj: KubeObject): HealthStatus {
  const conditions = readConditions(obj);
  const phase = readString(obj, ['status', 'phase'], '');
  switch (phase) {
    case 'Succeeded':
      return current('Pod has completed successfully');
    case 'Failed': {
      const reason = readString(obj, ['status', 'reason'], '');
      const message = readString(obj, ['status', 'message'], '');
      const detail = [reason, message].filter((s) => s.length > 0).join(': ');
      return failed(`Pod failed${detail ? `: ${detail}` : ''}${terminatedSuffix(obj)}`);
    }
    case 'Running':
    case 'Pending': {
      if (phase === 'Running' && hasCondition(conditions, 'Ready', 'True')) return current('Pod is Ready');
      const crashing = waitingContainers(obj, (reason) => reason === 'CrashLoopBackOff');
      if (crashing.length > 0) return failed(`Containers in CrashLoopBackOff: ${crashing.join(', ')}`);
      const waiting = waitingContainers(obj, () => true);
      const waitingNote = waiting.length > 0 ? ` (waiting: ${waiting.join(', ')})` : '';
      if (phase === 'Running') return inProgress(`Pod is running but not Ready${waitingNote}`);
      const scheduled = findCondition(conditions, 'PodScheduled');
      if (scheduled?.status === 'False') return inProgress(`Pod not scheduled: ${describeCondition(scheduled)}`);
      return inProgress(`Pod is Pending${waitingNote}`);
    }
    case '':
      return inProgress('Pod phase not available');
    default:
      return inProgress(`Pod phase is ${phase}`);
  }
}

/** `name (Reason)` of each container (init containers included) waiting for a matching reason. */
function waitingContainers(obj: KubeObject, match: (reason: string) => boolean): string[] {
  const out: string[] = [];
  for (const field of ['initContainerStatuses', 'containerStatuses']) {
    for (const cs of readArray(obj, ['status', field])) {
      const name = readPath(cs, ['name']);
      const reason = readPath(cs, ['state', 'waiting', 'reason']);
      if (typeof name === 'string' && typeof reason === 'string' && match(reason)) out.push(`${name} (${reason})`);
    }
  }
  return out;
}

/** ` (container exit codes)` for failed pods whose containers terminated, or `''`. */
function terminatedSuffix(obj: KubeObject): string {
  const parts: string[] = [];
  for (const cs of readArray(obj, ['status', 'containerStatuses'])) {
    const name = readPath(cs, ['name']);
    const code = readPath(cs, ['state', 'terminated', 'exitCode']);
    if (typeof name === 'string' && typeof code === 'number' && code !== 0) parts.push(`${name} exited ${code}`);
  }
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

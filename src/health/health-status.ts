/**
 * The readiness of one object, after kstatus (`sigs.k8s.io/cli-utils/pkg/kstatus`):
 *
 * - `Current`: the object is what its spec asks for (ready).
 * - `InProgress`: it is getting there (rollout, scheduling, a controller has not caught up).
 * - `Failed`: it reported a failure that waiting will not fix (e.g. a Job failed, a
 *   Deployment exceeded its progress deadline, a `Stalled=True` condition).
 * - `Terminating`: it is being deleted (`metadata.deletionTimestamp` is set).
 */
export type HealthState = 'Current' | 'InProgress' | 'Failed' | 'Terminating';

/**
 * The result of {@link evaluateHealth}: a {@link HealthState} and one line for humans.
 *
 * @example
 * ```ts
 * import type { HealthStatus } from 'syncprims';
 * const status: HealthStatus = { status: 'InProgress', message: 'Ready: 1/3' };
 * ```
 */
export interface HealthStatus {
  /** The state. */
  readonly status: HealthState;
  /** Why, for humans (e.g. `Available: 1/3`). Never carries Secret data. */
  readonly message: string;
}

/** Builds a `Current` status. */
export function current(message: string): HealthStatus {
  return { status: 'Current', message };
}

/** Builds an `InProgress` status. */
export function inProgress(message: string): HealthStatus {
  return { status: 'InProgress', message };
}

/** Builds a `Failed` status. */
export function failed(message: string): HealthStatus {
  return { status: 'Failed', message };
}

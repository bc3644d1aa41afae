import type { ObjectRef } from '../core/object-ref.js';
import type { NotReady } from '../core/sync-result.js';
import type { HealthState } from './health-status.js';

/**
 * The last known health of one awaited object. Besides the {@link HealthState}s, `NotFound`
 * means the object does not exist (yet, or any more) and `Unknown` that it was not observed yet
 * (the first list has not answered).
 */
export interface ObjectHealth {
  readonly ref: ObjectRef;
  readonly status: HealthState | 'NotFound' | 'Unknown';
  /** Why, for humans. */
  readonly message: string;
}

/** An object that reported a failure, with its message. */
export interface FailedObject {
  readonly ref: ObjectRef;
  readonly message: string;
}

/** Every awaited object became Current. */
export interface WaitReady {
  readonly ready: true;
  /** The health of every awaited object, in the order of the refs given. */
  readonly statuses: readonly ObjectHealth[];
}

/** At least one object reported Failed; the wait stopped at once (fail fast). */
export interface WaitFailed {
  readonly ready: false;
  readonly timedOut: false;
  /** The objects that failed (at least one). */
  readonly failed: readonly FailedObject[];
  /** The other objects that were not ready yet when the wait stopped. */
  readonly notReady: readonly NotReady[];
  readonly statuses: readonly ObjectHealth[];
}

/** The timeout ran out before every object became Current. */
export interface WaitTimedOut {
  readonly ready: false;
  readonly timedOut: true;
  /** The objects not ready at the deadline, with the reason (`not found` for missing ones). */
  readonly notReady: readonly NotReady[];
  readonly statuses: readonly ObjectHealth[];
}

/**
 * What {@link waitForReady} resolves with: ready, failed (fail fast) or timed out.
 * Narrow on `ready`, then on `timedOut`.
 */
export type WaitOutcome = WaitReady | WaitFailed | WaitTimedOut;

/** The `spec` of a `coordination.k8s.io/v1` Lease, as leader election uses it. */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  /** RFC 3339 with microseconds (`MicroTime`). */
  acquireTime?: string;
  /** RFC 3339 with microseconds (`MicroTime`). */
  renewTime?: string;
  leaseTransitions?: number;
}

/** What a candidate last saw of the Lease, and when (its own clock). */
export interface LeaseObservation {
  /** The Lease spec as last seen, serialised (a changed record restarts the expiry clock). */
  readonly record: string;
  /** When that record was first seen, in ms since the epoch (local clock). */
  readonly observedAt: number;
}

/** Input of {@link decideLease}. */
export interface LeaseDecisionInput {
  /** The Lease's spec; `undefined` when the Lease does not exist. */
  readonly spec: LeaseSpec | undefined;
  /** This candidate's identity. */
  readonly identity: string;
  /** Now, in ms since the epoch. */
  readonly now: number;
  /** The previous observation, if any. */
  readonly observed: LeaseObservation | undefined;
  /** This candidate's lease duration (used when the Lease does not state one). */
  readonly leaseDurationMs: number;
}

/** The outcome of {@link decideLease}: what to write (if anything) and the new observation. */
export interface LeaseDecision {
  /**
   * - `create`: the Lease does not exist: create it with `spec`.
   * - `acquire`: it is free or expired: take it over with `spec`.
   * - `renew`: this candidate holds it: write `spec` with a fresh `renewTime`.
   * - `wait`: another candidate holds a live Lease: write nothing.
   */
  readonly action: 'create' | 'acquire' | 'renew' | 'wait';
  /** The spec to write (absent for `wait`). */
  readonly spec?: LeaseSpec;
  /** The observation to keep for the next round. */
  readonly observed: LeaseObservation;
  /** For `wait`: the current holder. */
  readonly holder?: string;
}

/** Formats a time as a Kubernetes `MicroTime` (`2006-01-02T15:04:05.000000Z`). */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Decides one leader-election round, the way client-go's `tryAcquireOrRenew` does: a Lease
 * held by someone else expires `leaseDurationSeconds` after this candidate *saw its record
 * change* (its own clock, so clock skew between candidates does not matter). A released Lease
 * (empty holder) is free at once.
 *
 * Pure: the caller reads the Lease, calls this, and writes `spec` with optimistic concurrency.
 *
 * @example
 * ```ts
 * import { decideLease } from 'syncprims';
 * const first = decideLease({ spec: { holderIdentity: 'other', leaseDurationSeconds: 15 }, identity: 'me', now: 0, observed: undefined, leaseDurationMs: 15_000 });
 * first.action; // 'wait'
 * decideLease({ spec: { holderIdentity: 'other', leaseDurationSeconds: 15 }, identity: 'me', now: 15_000, observed: first.observed, leaseDurationMs: 15_000 }).action; // 'acquire'
 * ```
 */
export function decideLease(input: LeaseDecisionInput): LeaseDecision {
  const { spec, identity, now, leaseDurationMs } = input;
  const durationSeconds = Math.max(1, Math.ceil(leaseDurationMs / 1000));
  const fresh = (previous: LeaseSpec | undefined, transition: boolean): LeaseSpec => ({
    holderIdentity: identity,
    leaseDurationSeconds: durationSeconds,
    acquireTime: transition || !previous?.acquireTime ? formatMicroTime(now) : previous.acquireTime,
    renewTime: formatMicroTime(now),
    leaseTransitions: (previous?.leaseTransitions ?? 0) + (transition && previous ? 1 : 0),
  });
  if (spec === undefined) {
    const next = fresh(undefined, true);
    return { action: 'create', spec: next, observed: { record: JSON.stringify(next), observedAt: now } };
  }
  const record = JSON.stringify(spec);
  const observed = input.observed && input.observed.record === record ? input.observed : { record, observedAt: now };
  const holder = spec.holderIdentity ?? '';
  if (holder === identity) {
    return { action: 'renew', spec: fresh(spec, false), observed };
  }
  const durationMs = (spec.leaseDurationSeconds && spec.leaseDurationSeconds > 0 ? spec.leaseDurationSeconds * 1000 : leaseDurationMs);
  if (holder !== '' && observed.observedAt + durationMs > now) {
    return { action: 'wait', observed, holder };
  }
  return { action: 'acquire', spec: fresh(spec, true), observed };
}

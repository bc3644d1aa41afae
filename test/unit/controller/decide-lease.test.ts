import { describe, it, expect } from 'vitest';
import { decideLease, formatMicroTime, type LeaseSpec } from '../../../src/controller/decide-lease.js';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('decideLease', () => {
  it('creates a missing Lease, holding it', () => {
    const d = decideLease({ spec: undefined, identity: 'me', now: T0, observed: undefined, leaseDurationMs: 15_000 });
    expect(d.action).toBe('create');
    expect(d.spec).toEqual({
      holderIdentity: 'me',
      leaseDurationSeconds: 15,
      acquireTime: '2025-01-01T12:00:00.000000Z',
      renewTime: '2025-01-01T12:00:00.000000Z',
      leaseTransitions: 0,
    });
  });

  it('renews its own Lease, keeping acquireTime and transitions', () => {
    const spec: LeaseSpec = { holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: 'a', renewTime: 'r', leaseTransitions: 3 };
    const d = decideLease({ spec, identity: 'me', now: T0 + 2_000, observed: undefined, leaseDurationMs: 15_000 });
    expect(d.action).toBe('renew');
    expect(d.spec).toMatchObject({ holderIdentity: 'me', acquireTime: 'a', renewTime: formatMicroTime(T0 + 2_000), leaseTransitions: 3 });
  });

  it('waits while another holder renews, whatever the clocks say', () => {
    // The holder's renewTime is far in the past (clock skew): only local observation counts.
    const spec: LeaseSpec = { holderIdentity: 'other', leaseDurationSeconds: 15, renewTime: '2000-01-01T00:00:00.000000Z', leaseTransitions: 0 };
    const first = decideLease({ spec, identity: 'me', now: T0, observed: undefined, leaseDurationMs: 15_000 });
    expect(first.action).toBe('wait');
    expect(first.holder).toBe('other');
    const later = decideLease({ spec, identity: 'me', now: T0 + 14_999, observed: first.observed, leaseDurationMs: 15_000 });
    expect(later.action).toBe('wait');
    // A renewal (changed record) restarts the clock.
    const renewed = { ...spec, renewTime: '2000-01-01T00:00:10.000000Z' };
    const afterRenewal = decideLease({ spec: renewed, identity: 'me', now: T0 + 20_000, observed: later.observed, leaseDurationMs: 15_000 });
    expect(afterRenewal.action).toBe('wait');
    expect(afterRenewal.observed.observedAt).toBe(T0 + 20_000);
  });

  it('takes over once the record has not changed for the lease duration', () => {
    const spec: LeaseSpec = { holderIdentity: 'other', leaseDurationSeconds: 15, acquireTime: 'x', renewTime: 'y', leaseTransitions: 4 };
    const first = decideLease({ spec, identity: 'me', now: T0, observed: undefined, leaseDurationMs: 15_000 });
    const d = decideLease({ spec, identity: 'me', now: T0 + 15_000, observed: first.observed, leaseDurationMs: 15_000 });
    expect(d.action).toBe('acquire');
    expect(d.spec).toMatchObject({ holderIdentity: 'me', acquireTime: formatMicroTime(T0 + 15_000), leaseTransitions: 5 });
  });

  it("uses the Lease's own duration over the candidate's", () => {
    const spec: LeaseSpec = { holderIdentity: 'other', leaseDurationSeconds: 40 };
    const first = decideLease({ spec, identity: 'me', now: T0, observed: undefined, leaseDurationMs: 15_000 });
    expect(decideLease({ spec, identity: 'me', now: T0 + 20_000, observed: first.observed, leaseDurationMs: 15_000 }).action).toBe('wait');
    expect(decideLease({ spec, identity: 'me', now: T0 + 40_000, observed: first.observed, leaseDurationMs: 15_000 }).action).toBe('acquire');
  });

  it('acquires a released Lease (empty holder) at once', () => {
    const spec: LeaseSpec = { holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 2 };
    const d = decideLease({ spec, identity: 'me', now: T0, observed: undefined, leaseDurationMs: 15_000 });
    expect(d.action).toBe('acquire');
    expect(d.spec?.leaseTransitions).toBe(3);
  });
});

describe('formatMicroTime', () => {
  it('writes six fractional digits, as MicroTime requires', () => {
    expect(formatMicroTime(Date.UTC(2025, 5, 30, 1, 2, 3, 456))).toBe('2025-06-30T01:02:03.456000Z');
  });
});

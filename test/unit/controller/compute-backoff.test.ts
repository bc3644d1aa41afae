import { describe, it, expect } from 'vitest';
import { computeBackoff } from '../../../src/controller/compute-backoff.js';

describe('computeBackoff', () => {
  it('doubles from the base per failure', () => {
    expect([1, 2, 3, 4, 5].map((n) => computeBackoff(1_000, n, 1_000_000))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('is capped, also for huge failure counts', () => {
    expect(computeBackoff(1_000, 7, 60_000)).toBe(60_000);
    expect(computeBackoff(1_000, 10_000, 60_000)).toBe(60_000);
  });

  it('never goes below the base when the cap is smaller', () => {
    expect(computeBackoff(120_000, 3, 60_000)).toBe(120_000);
  });

  it('is zero without failures', () => {
    expect(computeBackoff(1_000, 0, 60_000)).toBe(0);
    expect(computeBackoff(0, 3, 60_000)).toBe(0);
  });
});

import { describe, it, expect } from 'vitest';
import { jitterDuration } from '../../../src/controller/jitter-duration.js';

describe('jitterDuration', () => {
  it('stays within ±10 % by default, reaching both ends', () => {
    expect(jitterDuration(60_000, 0.1, () => 0)).toBe(54_000);
    expect(jitterDuration(60_000, 0.1, () => 0.5)).toBe(60_000);
    expect(jitterDuration(60_000, 0.1, () => 0.999999)).toBe(66_000);
  });

  it('spreads real random values within the bounds', () => {
    const values = Array.from({ length: 2_000 }, () => jitterDuration(10_000));
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(9_000);
      expect(v).toBeLessThanOrEqual(11_000);
    }
    expect(Math.min(...values)).toBeLessThan(9_500);
    expect(Math.max(...values)).toBeGreaterThan(10_500);
  });

  it('clamps a bad random source and returns 0 for non-positive durations', () => {
    expect(jitterDuration(1_000, 0.1, () => -3)).toBe(900);
    expect(jitterDuration(1_000, 0.1, () => 7)).toBe(1_100);
    expect(jitterDuration(0)).toBe(0);
    expect(jitterDuration(-5)).toBe(0);
    expect(jitterDuration(Number.NaN)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import {
  DURATION_PATTERN,
  DurationFromString,
  POSITIVE_DURATION_PATTERN,
  formatDuration,
  parseDuration,
} from '../../../src/api/duration.js';
import { OptionsError } from '../../../src/core/sync-error.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['0.5s', 500],
    ['1h1h', 7_200_000],
    ['2m30s100ms', 150_100],
    ['0s', 0],
    ['0h5m', 300_000],
    ['1.1s', 1100],
    ['0.0001s', 1],
    ['1.0005s', 1001],
    ['10m', 600_000],
  ])('%s -> %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', 'm', '5x', '1d', '-5m', '+5m', '5 m', ' 5m', '5m ', '.5s', '5.s', '1us', '1ns', '1µs', '1H', '5mm', '99999999999999h'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('refuses values that are not strings', () => {
    expect(parseDuration(30 as unknown as string)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [1500, '1s500ms'],
    [90_000, '1m30s'],
    [600_000, '10m'],
    [5_400_000, '1h30m'],
    [90_061_001, '25h1m1s1ms'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws OptionsError for %d', (ms) => {
    expect(() => formatDuration(ms)).toThrow(OptionsError);
  });
});

describe('the duration patterns agree with parseDuration', () => {
  // A deterministic generator of strings close to durations, so both sides get hard cases.
  function* samples(count: number): Generator<string> {
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ['0', '0', '1', '5', '9', '.', 'm', 's', 'h', 'ms', 'd', '-', ' '];
    for (let i = 0; i < count; i++) {
      let s = '';
      const length = 1 + next(7);
      for (let j = 0; j < length; j++) s += alphabet[next(alphabet.length)];
      yield s;
    }
  }
  const duration = new RegExp(DURATION_PATTERN);
  const positive = new RegExp(POSITIVE_DURATION_PATTERN);

  it('DURATION_PATTERN matches exactly what parseDuration reads', () => {
    let accepted = 0;
    for (const s of samples(20_000)) {
      const parsed = parseDuration(s);
      expect(duration.test(s), s).toBe(parsed !== undefined);
      if (parsed !== undefined) accepted++;
    }
    expect(accepted).toBeGreaterThan(500);
  });

  it('POSITIVE_DURATION_PATTERN matches exactly the durations above zero', () => {
    let zeros = 0;
    for (const s of samples(20_000)) {
      const parsed = parseDuration(s);
      expect(positive.test(s), s).toBe(parsed !== undefined && parsed > 0);
      if (parsed === 0) zeros++;
    }
    expect(zeros).toBeGreaterThan(10);
  });
});

describe('DurationFromString', () => {
  it('decodes to milliseconds and encodes back', () => {
    const r = DurationFromString.decode('1h30m');
    expect(r).toEqual({ _tag: 'Right', right: 5_400_000 });
    expect(DurationFromString.encode(5_400_000)).toBe('1h30m');
    expect(DurationFromString.is(5_400_000)).toBe(true);
    expect(DurationFromString.is('1h')).toBe(false);
  });

  it('refuses bad input with a message', () => {
    const r = DurationFromString.decode('soon');
    expect(r._tag).toBe('Left');
    if (r._tag === 'Left') expect(r.left[0]?.message).toContain('duration');
  });
});

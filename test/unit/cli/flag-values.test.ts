import { describe, expect, it } from 'vitest';
import { parseCountFlag } from '../../../src/cli/parse-count-flag.js';
import { parseDurationFlag } from '../../../src/cli/parse-duration-flag.js';
import { OptionsError } from '../../../src/index.js';

describe('parseDurationFlag', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['2m30s', 150_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDurationFlag('timeout', text)).toBe(ms);
  });

  it.each(['5', '-1m', '0s', '2d', '', ' 5m', '5 m', 'm', '1e3s'])('refuses %j naming the flag', (text) => {
    expect(() => parseDurationFlag('timeout', text)).toThrow(OptionsError);
    expect(() => parseDurationFlag('timeout', text)).toThrow(/^--timeout: .* is not a duration above zero/);
  });
});

describe('parseCountFlag', () => {
  it.each([
    ['1', 1],
    ['16', 16],
    ['10000', 10_000],
  ])('reads %s as %i', (text, n) => {
    expect(parseCountFlag('concurrency', text)).toBe(n);
  });

  it.each(['0', '-1', '1.5', 'eight', '', '10001', '0x10'])('refuses %j naming the flag', (text) => {
    expect(() => parseCountFlag('concurrency', text)).toThrow(/^--concurrency: .* is not a whole number from 1 to 10000$/);
  });
});

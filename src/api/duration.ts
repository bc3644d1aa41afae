import * as t from 'io-ts';
import { OptionsError } from '../core/sync-error.js';

const UNIT = '(ms|s|m|h)';
const NUMBER = '[0-9]+(\\.[0-9]+)?';
const ZERO = `0+(\\.0+)?${UNIT}`;
const NON_ZERO = `([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)${UNIT}`;

/**
 * The syntax of a duration, as a regular expression valid both in JavaScript and in Go (RE2):
 * one or more `<number><unit>` components, unit `ms`, `s`, `m` or `h`, fractions allowed
 * (`1.5h`). The same pattern as Flux's `interval`/`timeout` fields.
 */
export const DURATION_PATTERN = `^(${NUMBER}${UNIT})+$`;

/**
 * {@link DURATION_PATTERN} restricted to durations greater than zero, without look-ahead so the
 * API server (Go RE2) can enforce it in a CRD schema: zero components, then one with a non-zero
 * digit, then any components.
 */
export const POSITIVE_DURATION_PATTERN = `^(${ZERO})*${NON_ZERO}(${NUMBER}${UNIT})*$`;

/** The message of a refused duration. */
export const DURATION_MESSAGE = 'must be a duration such as 30s, 5m, 1h30m or 500ms';

const DURATION_RE = new RegExp(DURATION_PATTERN);
const COMPONENT_RE = /([0-9]+)(?:\.([0-9]+))?(ms|s|m|h)/g;
const FACTORS: Readonly<Record<string, bigint>> = { ms: 1n, s: 1000n, m: 60_000n, h: 3_600_000n };

/**
 * Parses a Go/Flux duration (`30s`, `5m`, `1h30m`, `500ms`, `1.5h`) into milliseconds.
 *
 * The sum is computed exactly and rounded up to a whole millisecond, so a duration above zero
 * never becomes `0`. Returns `undefined` for anything else: other units (`us`, `d`), signs,
 * spaces, an empty string, or a value beyond `Number.MAX_SAFE_INTEGER` milliseconds.
 *
 * @example
 * ```ts
 * import { parseDuration } from 'syncprims';
 * parseDuration('1h30m'); // 5_400_000
 * parseDuration('500ms'); // 500
 * parseDuration('-5m');   // undefined
 * ```
 */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string' || !DURATION_RE.test(text)) return undefined;
  const parts = [...text.matchAll(COMPONENT_RE)].map((m) => ({ whole: m[1]!, fraction: m[2] ?? '', unit: m[3]! }));
  const scale = Math.max(0, ...parts.map((p) => p.fraction.length));
  let numerator = 0n;
  for (const p of parts) numerator += BigInt(p.whole + p.fraction.padEnd(scale, '0')) * FACTORS[p.unit]!;
  const denominator = 10n ** BigInt(scale);
  const ms = (numerator + denominator - 1n) / denominator;
  return ms > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(ms);
}

/**
 * Formats milliseconds as the shortest duration {@link parseDuration} reads back exactly:
 * `600000` -> `10m`, `5400000` -> `1h30m`, `1500` -> `1s500ms`, `0` -> `0s`.
 *
 * Errors: throws {@link OptionsError} for a negative or non-integer number.
 *
 * @example
 * ```ts
 * import { formatDuration } from 'syncprims';
 * formatDuration(90_000); // '1m30s'
 * ```
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new OptionsError(`a duration must be a whole, non-negative number of milliseconds, got ${ms}`);
  }
  if (ms === 0) return '0s';
  const units: [string, number][] = [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let rest = ms;
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/**
 * io-ts codec: a duration string (see {@link parseDuration}) to milliseconds, and back with
 * {@link formatDuration}. Accepts `0s`; spec fields additionally require a positive value.
 *
 * @example
 * ```ts
 * import { DurationFromString } from 'syncprims';
 * const r = DurationFromString.decode('5m');
 * if (r._tag === 'Right') console.log(r.right); // 300000
 * ```
 */
export const DurationFromString: t.Type<number, string, unknown> = new t.Type<number, string, unknown>(
  'Duration',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) => {
    const ms = typeof u === 'string' ? parseDuration(u) : undefined;
    return ms === undefined ? t.failure(u, c, DURATION_MESSAGE) : t.success(ms);
  },
  formatDuration,
);


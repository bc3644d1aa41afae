import * as t from 'io-ts';
import type { JsonSchemaProps } from './json-schema-props.js';
import type { SchemaCodec } from './schema-codec.js';
import { describeValue } from './describe-value.js';
import { DURATION_MESSAGE, POSITIVE_DURATION_PATTERN, formatDuration, parseDuration } from './duration.js';
import { checkQualifiedName } from './name-patterns.js';

type Check<A> = { ok: true; value: A } | { ok: false; message: string };

function leaf<A, O>(
  name: string,
  schema: JsonSchemaProps,
  is: (u: unknown) => u is A,
  check: (u: unknown) => Check<A>,
  encode: (a: A) => O,
): SchemaCodec<A, O> {
  const codec = new t.Type<A, O, unknown>(
    name,
    is,
    (u, c) => {
      const r = check(u);
      return r.ok ? t.success(r.value) : t.failure(u, c, r.message);
    },
    encode,
  );
  return { codec, schema };
}

const identity = <A>(a: A): A => a;
const isString = (u: unknown): u is string => typeof u === 'string';
/** Counts code points, as the API server does (Go counts runes), not UTF-16 units. */
const lengthOf = (s: string): number => [...s].length;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Rules of a string field; each one is both checked by the codec and stated in the schema. */
export interface StringRules {
  /** The schema description. */
  description: string;
  /** A regular expression valid in JavaScript and Go (RE2). @default undefined (any text) */
  pattern?: string;
  /** Says what `pattern` means, for error messages. @default 'must match <pattern>' */
  patternHint?: string;
  /** Fewest characters (code points). @default undefined */
  minLength?: number;
  /** Most characters (code points). @default undefined */
  maxLength?: number;
  /** `date-time`: an RFC 3339 timestamp. @default undefined */
  format?: 'date-time';
}

/**
 * A string field.
 *
 * A string that may be empty is marked `nullable` in the schema: some kube-apiserver builds
 * (Debian's 1.20 package, the test fleet's) refuse `""` in a non-nullable string of a custom
 * resource ("must be of type string: \"null\""). With `nullable`, `""` passes on every server;
 * a `null` is then stored rather than pruned, and the codecs read it as absent.
 */
export function stringField(rules: StringRules): SchemaCodec<string> {
  const re = rules.pattern === undefined ? undefined : new RegExp(rules.pattern);
  const mayBeEmpty = (rules.minLength ?? 0) === 0 && (re === undefined || re.test('')) && rules.format === undefined;
  const schema: JsonSchemaProps = {
    type: 'string',
    description: rules.description,
    ...(mayBeEmpty ? { nullable: true } : {}),
    ...(rules.format ? { format: rules.format } : {}),
    ...(rules.minLength !== undefined ? { minLength: rules.minLength } : {}),
    ...(rules.maxLength !== undefined ? { maxLength: rules.maxLength } : {}),
    ...(rules.pattern !== undefined ? { pattern: rules.pattern } : {}),
  };
  return leaf(
    'string',
    schema,
    isString,
    (u) => {
      if (typeof u !== 'string') return { ok: false, message: `must be a string, got ${describeValue(u)}` };
      const length = lengthOf(u);
      if (rules.minLength !== undefined && length < rules.minLength) {
        return { ok: false, message: rules.minLength === 1 ? 'must not be empty' : `must have at least ${rules.minLength} characters` };
      }
      if (rules.maxLength !== undefined && length > rules.maxLength) {
        return { ok: false, message: `must have at most ${rules.maxLength} characters, got ${length}` };
      }
      if (re && !re.test(u)) {
        return { ok: false, message: `${rules.patternHint ?? `must match ${rules.pattern}`}, got ${describeValue(u)}` };
      }
      if (rules.format === 'date-time' && (!RFC3339.test(u) || Number.isNaN(Date.parse(u)))) {
        return { ok: false, message: `must be an RFC 3339 timestamp, got ${describeValue(u)}` };
      }
      return { ok: true, value: u };
    },
    identity,
  );
}

/** An integer field (int64 in the schema, a safe integer in JavaScript). */
export function integerField(rules: { description: string; minimum?: number }): SchemaCodec<number> {
  const schema: JsonSchemaProps = {
    type: 'integer',
    format: 'int64',
    description: rules.description,
    ...(rules.minimum !== undefined ? { minimum: rules.minimum } : {}),
  };
  const isInteger = (u: unknown): u is number => typeof u === 'number' && Number.isSafeInteger(u);
  return leaf(
    'integer',
    schema,
    isInteger,
    (u) => {
      if (!isInteger(u)) return { ok: false, message: `must be an integer, got ${describeValue(u)}` };
      if (rules.minimum !== undefined && u < rules.minimum) {
        return { ok: false, message: `must be at least ${rules.minimum}, got ${u}` };
      }
      return { ok: true, value: u };
    },
    identity,
  );
}

/** A boolean field. */
export function booleanField(description: string): SchemaCodec<boolean> {
  const isBoolean = (u: unknown): u is boolean => typeof u === 'boolean';
  return leaf(
    'boolean',
    { type: 'boolean', description },
    isBoolean,
    (u) => (isBoolean(u) ? { ok: true, value: u } : { ok: false, message: `must be true or false, got ${describeValue(u)}` }),
    identity,
  );
}

/** A string field restricted to `values`. */
export function enumField<V extends string>(values: readonly V[], description: string): SchemaCodec<V> {
  const isValue = (u: unknown): u is V => typeof u === 'string' && (values as readonly string[]).includes(u);
  return leaf(
    values.join(' | '),
    { type: 'string', description, enum: [...values] },
    isValue,
    (u) => (isValue(u) ? { ok: true, value: u } : { ok: false, message: `must be one of ${values.join(', ')}, got ${describeValue(u)}` }),
    identity,
  );
}

/**
 * A duration greater than zero: `5m` in JSON, milliseconds once decoded. The schema states it
 * with {@link POSITIVE_DURATION_PATTERN}; only the codec refuses values beyond
 * `Number.MAX_SAFE_INTEGER` milliseconds (about 285,000 years).
 */
export function durationField(description: string): SchemaCodec<number, string> {
  const isDuration = (u: unknown): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u > 0;
  return leaf(
    'Duration',
    { type: 'string', description, pattern: POSITIVE_DURATION_PATTERN },
    isDuration,
    (u) => {
      const ms = typeof u === 'string' ? parseDuration(u) : undefined;
      return ms !== undefined && ms > 0
        ? { ok: true, value: ms }
        : { ok: false, message: `${DURATION_MESSAGE}, greater than zero, got ${describeValue(u)}` };
    },
    formatDuration,
  );
}

/** Rules of a string-to-string map field (labels, annotations). */
export interface StringMapRules {
  /** The schema description. */
  description: string;
  /**
   * Check keys as label/annotation keys (`[prefix/]name`). A schema cannot state rules on map
   * keys: only the codec enforces this. @default false
   */
  qualifiedKeys?: boolean;
  /** Rules of the values (their description is ignored). @default any string */
  values?: Omit<StringRules, 'description'>;
}

/** A string-to-string map (`additionalProperties: string`). */
export function stringMapField(rules: StringMapRules): SchemaCodec<Record<string, string>> {
  const value = stringField({ description: '', ...rules.values });
  const valueSchema: JsonSchemaProps = { ...value.schema };
  delete valueSchema.description;
  const isMap = (u: unknown): u is Record<string, string> =>
    typeof u === 'object' && u !== null && !Array.isArray(u) && Object.values(u).every(isString);
  const codec = new t.Type<Record<string, string>, Record<string, string>, unknown>(
    'StringMap',
    isMap,
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) {
        return t.failure(u, c, `must be an object of strings, got ${describeValue(u)}`);
      }
      const errors: t.Errors = [];
      const out: Record<string, string> = {};
      for (const [key, v] of Object.entries(u as Record<string, unknown>)) {
        // Like the API server, a null value is dropped rather than refused.
        if (v === null) continue;
        const keyProblem = rules.qualifiedKeys ? checkQualifiedName(key) : undefined;
        const ctx = t.appendContext(c, key, value.codec, v);
        if (keyProblem) {
          errors.push({ value: key, context: ctx, message: `key ${describeValue(key)} ${keyProblem}` });
          continue;
        }
        const r = value.codec.validate(v, ctx);
        if (r._tag === 'Left') errors.push(...r.left);
        else out[key] = r.right;
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out);
    },
    (a) => ({ ...a }),
  );
  return { codec, schema: { type: 'object', description: rules.description, additionalProperties: valueSchema } };
}

import type * as t from 'io-ts';
import { describeValue } from './describe-value.js';
import { joinFieldPath } from './field-path.js';

/** A problem with one field: its path (`metadata.labels.app`) and what is wrong, without the value. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

const PHRASES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
  UnknownRecord: 'a mapping',
  UnknownArray: 'a list',
  NonEmptyString: 'a non-empty string',
  Base64String: 'a base64 string',
};

const tagOf = (type: unknown): string | undefined => (type as { _tag?: string })._tag;

function pathOf(context: t.Context): string {
  let path = '';
  for (let i = 1; i < context.length; i++) {
    const parent = tagOf(context[i - 1]?.type);
    // Members of unions and intersections are keyed by their index: not a field.
    if (parent === 'UnionType' || parent === 'IntersectionType') continue;
    const key = context[i]?.key ?? '';
    path = parent === 'ArrayType' ? joinFieldPath(path, Number(key)) : joinFieldPath(path, key);
  }
  return path;
}

function messageOf(error: t.ValidationError): string {
  const expected = error.context[error.context.length - 1]?.type.name ?? 'valid';
  const value = error.value;
  if (value === undefined) return 'is required';
  if (expected === 'NonEmptyString' && value === '') return 'must not be empty';
  if (expected === 'Base64String' && typeof value === 'string') return 'must be valid base64 (standard alphabet, padded)';
  const phrase = Object.hasOwn(PHRASES, expected) ? PHRASES[expected] : expected;
  return `must be ${phrase}, got ${describeValue(value)}`;
}

/**
 * Turns io-ts decode errors into readable field problems (`metadata.labels.app must be a
 * string, got a number`), one per field and message, in the order found. Errors from the
 * `null` branch of a nullable field are dropped when the value is not null.
 */
export function decodeProblems(errors: t.Errors): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    if (error.context.some((entry) => tagOf(entry.type) === 'NullType')) continue;
    const problem = { field: pathOf(error.context), message: messageOf(error) };
    const key = `${problem.field}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

import * as t from 'io-ts';

/**
 * Renders the first io-ts decode error as `path: expected <type>` (e.g.
 * `users[0].user.token: expected string`), or `path: missing` for an absent required field.
 *
 * The offending value is never included: decoded documents may hold credentials.
 */
export function describeDecodeError(errors: t.Errors): string {
  const first = errors[0];
  if (!first) return 'invalid value';
  const path = decodePath(first.context);
  const last = first.context[first.context.length - 1];
  const expected = last ? expectedName(last.type) : 'a valid value';
  const what = first.value === undefined ? `missing (expected ${expected})` : `expected ${expected}`;
  return `${path || '(root)'}: ${what}`;
}

/** The field path of a decode context: `.key` for object fields, `[i]` for array items. */
export function decodePath(context: t.Context): string {
  let path = '';
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1]!.type;
    const key = context[i]!.key;
    if (parent instanceof t.IntersectionType || parent instanceof t.UnionType) continue;
    if (parent instanceof t.ArrayType || parent instanceof t.ReadonlyArrayType) path += `[${key}]`;
    else path += path === '' ? key : `.${key}`;
  }
  return path;
}

function expectedName(type: t.Decoder<unknown, unknown>): string {
  if (type instanceof t.StringType) return 'string';
  if (type instanceof t.BooleanType) return 'boolean';
  if (type instanceof t.NumberType) return 'number';
  if (type instanceof t.LiteralType) return JSON.stringify(type.value);
  if (type instanceof t.KeyofType) return Object.keys(type.keys).map((k) => JSON.stringify(k)).join(' | ');
  if (type instanceof t.ArrayType || type instanceof t.ReadonlyArrayType) return 'a list';
  if (type instanceof t.UnionType) return (type.types as t.Decoder<unknown, unknown>[]).map(expectedName).join(' or ');
  return 'a mapping';
}

import * as t from 'io-ts';
import type { JsonSchemaProps } from './json-schema-props.js';
import type { SchemaCodec } from './schema-codec.js';

/**
 * Adds a rule across properties to a field: `check` returns a message when the decoded value
 * breaks it, and `schema` states the same rule in OpenAPI (e.g. an `anyOf` of `required`).
 */
export function refineField<A, O>(
  field: SchemaCodec<A, O>,
  check: (value: A) => string | undefined,
  schema: Partial<JsonSchemaProps>,
): SchemaCodec<A, O> {
  const codec = new t.Type<A, O, unknown>(
    field.codec.name,
    (u): u is A => field.codec.is(u) && check(u) === undefined,
    (u, c) => {
      const r = field.codec.validate(u, c);
      if (r._tag === 'Left') return r;
      const problem = check(r.right);
      return problem === undefined ? r : t.failure(u, c, problem);
    },
    field.codec.encode,
  );
  return { codec, schema: { ...field.schema, ...schema } };
}

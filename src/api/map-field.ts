import * as t from 'io-ts';
import type { SchemaCodec } from './schema-codec.js';

/**
 * Converts a field's decoded value (e.g. to fill a default that depends on another property).
 * The schema is unchanged: a conversion adds no rule.
 */
export function mapField<A, B, O>(
  field: SchemaCodec<A, O>,
  to: (a: A) => B,
  from: (b: B) => A,
  is: (u: unknown) => u is B,
): SchemaCodec<B, O> {
  const codec = new t.Type<B, O, unknown>(
    field.codec.name,
    is,
    (u, c) => {
      const r = field.codec.validate(u, c);
      return r._tag === 'Left' ? r : t.success(to(r.right));
    },
    (b) => field.codec.encode(from(b)),
  );
  return { codec, schema: field.schema };
}

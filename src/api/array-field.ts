import * as t from 'io-ts';
import type { JsonSchemaProps } from './json-schema-props.js';
import type { SchemaCodec } from './schema-codec.js';
import { describeValue } from './describe-value.js';

/** Options of {@link arrayField}. */
export interface ArrayRules<A> {
  /** The schema description. */
  description: string;
  /** Fewest items. @default undefined */
  minItems?: number;
  /**
   * Item properties that identify an item (`x-kubernetes-list-type: map`): two items with equal
   * values there are refused as duplicates, and server-side apply merges the list by them. The
   * properties must be required scalars.
   * @default undefined (an atomic list)
   */
  mapKeys?: readonly (keyof A & string)[];
}

/** An array field. */
export function arrayField<A, O>(item: SchemaCodec<A, O>, rules: ArrayRules<A>): SchemaCodec<A[], O[]> {
  const schema: JsonSchemaProps = {
    type: 'array',
    description: rules.description,
    items: item.schema,
    ...(rules.minItems !== undefined ? { minItems: rules.minItems } : {}),
    ...(rules.mapKeys ? { 'x-kubernetes-list-type': 'map' as const, 'x-kubernetes-list-map-keys': [...rules.mapKeys] } : {}),
  };
  const keyOf = (a: A): string => JSON.stringify(rules.mapKeys?.map((k) => a[k]));
  const codec = new t.Type<A[], O[], unknown>(
    'array',
    (u): u is A[] => Array.isArray(u) && u.every((x) => item.codec.is(x)),
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c, `must be an array, got ${describeValue(u)}`);
      if (rules.minItems !== undefined && u.length < rules.minItems) {
        return t.failure(u, c, `must have at least ${rules.minItems} item${rules.minItems === 1 ? '' : 's'}`);
      }
      const errors: t.Errors = [];
      const out: A[] = [];
      const seen = new Set<string>();
      u.forEach((x, i) => {
        const ctx = t.appendContext(c, String(i), item.codec, x);
        const r = item.codec.validate(x, ctx);
        if (r._tag === 'Left') {
          errors.push(...r.left);
          return;
        }
        if (rules.mapKeys) {
          const key = keyOf(r.right);
          if (seen.has(key)) {
            const names = rules.mapKeys.map((k) => `${k}=${String(r.right[k])}`).join(', ');
            errors.push({ value: x, context: ctx, message: `duplicate entry (${names})` });
            return;
          }
          seen.add(key);
        }
        out.push(r.right);
      });
      return errors.length > 0 ? t.failures(errors) : t.success(out);
    },
    (a) => a.map((x) => item.codec.encode(x)),
  );
  return { codec, schema };
}

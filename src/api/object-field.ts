import * as t from 'io-ts';
import { OptionsError } from '../core/sync-error.js';
import type { JsonSchemaProps } from './json-schema-props.js';
import type {
  DecodedProps,
  DefaultedProp,
  OptionalProp,
  Props,
  RequiredProp,
  SchemaCodec,
  WireProps,
} from './schema-codec.js';
import { describeValue } from './describe-value.js';

/** A property that must be present. */
export function required<A, O>(field: SchemaCodec<A, O>): RequiredProp<A, O> {
  return { mode: 'required', field };
}

/** A property that may be absent. */
export function optional<A, O>(field: SchemaCodec<A, O>): OptionalProp<A, O> {
  return { mode: 'optional', field };
}

/**
 * A property that decodes to a default when absent. The default is given in its JSON form and
 * decoded once here, so it obeys the field's own rules.
 *
 * Errors: throws {@link OptionsError} when the default is not valid for the field.
 */
export function withDefault<A, O>(field: SchemaCodec<A, O>, wire: O): DefaultedProp<A, O> {
  const decoded = field.codec.decode(wire);
  if (decoded._tag === 'Left') throw new OptionsError(`invalid default ${JSON.stringify(wire)}`);
  const schema: JsonSchemaProps = {
    ...field.schema,
    description: `${field.schema.description ?? ''} Defaults to \`${typeof wire === 'string' && wire !== '' ? wire : JSON.stringify(wire)}\`.`.trim(),
  };
  return { mode: 'default', field: { codec: field.codec, schema }, value: decoded.right, wire };
}

/** Options of {@link objectField}. */
export interface ObjectRules {
  /** The schema description. */
  description: string;
  /**
   * Keep properties the field does not declare (`x-kubernetes-preserve-unknown-fields`), as
   * for embedded manifests. Otherwise they are dropped, as the API server prunes them.
   * @default false
   */
  preserveUnknownFields?: boolean;
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * An object field with declared properties.
 *
 * Decoding mirrors a structural CRD schema: a `null` property counts as absent (the API server
 * prunes nulls of non-nullable fields), undeclared properties are dropped unless
 * `preserveUnknownFields`, and defaults fill absent properties.
 */
export function objectField<P extends Props>(props: P, rules: ObjectRules): SchemaCodec<DecodedProps<P>, WireProps<P>> {
  const entries = Object.entries(props);
  const requiredKeys = entries.filter(([, p]) => p.mode === 'required').map(([k]) => k);
  const schema: JsonSchemaProps = {
    type: 'object',
    description: rules.description,
    properties: Object.fromEntries(entries.map(([k, p]) => [k, p.field.schema])),
    ...(requiredKeys.length > 0 ? { required: requiredKeys } : {}),
    ...(rules.preserveUnknownFields ? { 'x-kubernetes-preserve-unknown-fields': true } : {}),
  };
  const is = (u: unknown): u is DecodedProps<P> =>
    isRecord(u) &&
    entries.every(([k, p]) => (u[k] === undefined ? p.mode === 'optional' : p.field.codec.is(u[k])));
  const codec = new t.Type<DecodedProps<P>, WireProps<P>, unknown>(
    'object',
    is,
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, `must be an object, got ${describeValue(u)}`);
      const out: Record<string, unknown> = rules.preserveUnknownFields ? { ...u } : {};
      const errors: t.Errors = [];
      for (const [key, prop] of entries) {
        const value = u[key];
        if (value === undefined || value === null) {
          delete out[key];
          if (prop.mode === 'required') {
            errors.push({ value, context: t.appendContext(c, key, prop.field.codec, value), message: 'required field is missing' });
          } else if (prop.mode === 'default') {
            out[key] = structuredClone(prop.value);
          }
          continue;
        }
        const r = prop.field.codec.validate(value, t.appendContext(c, key, prop.field.codec, value));
        if (r._tag === 'Left') errors.push(...r.left);
        else out[key] = r.right;
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out as DecodedProps<P>);
    },
    (a) => {
      const source = a as Record<string, unknown>;
      const out: Record<string, unknown> = rules.preserveUnknownFields ? { ...source } : {};
      for (const [key, prop] of entries) {
        if (source[key] === undefined) delete out[key];
        else out[key] = prop.field.codec.encode(source[key]);
      }
      return out as WireProps<P>;
    },
  );
  return { codec, schema };
}

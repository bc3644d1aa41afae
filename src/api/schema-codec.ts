import type * as t from 'io-ts';
import type { JsonSchemaProps } from './json-schema-props.js';

/**
 * A value's io-ts codec and its CRD schema, built together by the field builders of this folder
 * so that each rule is written once. The codec is the single source of truth; the schema says
 * as much of it as OpenAPI v3 can (map keys and cross-field defaults it cannot).
 */
export interface SchemaCodec<A, O = A> {
  /** Decodes untrusted JSON into `A` (defaults applied) and encodes `A` back to JSON. */
  readonly codec: t.Type<A, O, unknown>;
  /** The structural OpenAPI v3 schema of the JSON form. */
  readonly schema: JsonSchemaProps;
}

/** A property that must be present (and not `null`). */
export interface RequiredProp<A, O> {
  readonly mode: 'required';
  readonly field: SchemaCodec<A, O>;
}

/** A property that may be absent; absent stays absent. */
export interface OptionalProp<A, O> {
  readonly mode: 'optional';
  readonly field: SchemaCodec<A, O>;
}

/** A property that may be absent; absent decodes to a default. */
export interface DefaultedProp<A, O> {
  readonly mode: 'default';
  readonly field: SchemaCodec<A, O>;
  /** The default, decoded. */
  readonly value: A;
  /** The default as written in a manifest (shown in the schema description). */
  readonly wire: O;
}

/** A property of an object field. */
export type Prop<A, O> = RequiredProp<A, O> | OptionalProp<A, O> | DefaultedProp<A, O>;

// `any` here only erases the type parameters so the mapped types below can match by `mode`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyProp = Prop<any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOptional = OptionalProp<any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRequired = RequiredProp<any, any>;

/** The properties of an object field, by name. */
export type Props = Record<string, AnyProp>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type DecodedOf<P extends AnyProp> = t.TypeOf<P['field']['codec']>;
type WireOf<P extends AnyProp> = t.OutputOf<P['field']['codec']>;

/** The decoded type of an object with properties `P`: optional properties may be absent. */
export type DecodedProps<P extends Props> = Simplify<
  { [K in keyof P as P[K] extends AnyOptional ? never : K]: DecodedOf<P[K]> } & {
    [K in keyof P as P[K] extends AnyOptional ? K : never]?: DecodedOf<P[K]>;
  }
>;

/** The JSON type of an object with properties `P`: only required properties must be present. */
export type WireProps<P extends Props> = Simplify<
  { [K in keyof P as P[K] extends AnyRequired ? K : never]: WireOf<P[K]> } & {
    [K in keyof P as P[K] extends AnyRequired ? never : K]?: WireOf<P[K]>;
  }
>;

/** True when `X` and `Y` are assignable both ways: used to prove a documented type equals a codec's. */
export type Agree<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;

/** Compiles only when `T` is `true`: `type _ = Expect<Agree<Documented, typeof field.codec._A>>`. */
export type Expect<T extends true> = T;

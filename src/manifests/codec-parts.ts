import * as t from 'io-ts';

/** Brand of {@link NonEmptyString}. */
export interface NonEmptyStringBrand {
  readonly NonEmptyString: unique symbol;
}

/** A string that is not empty. */
export const NonEmptyString = t.brand(t.string, (s): s is t.Branded<string, NonEmptyStringBrand> => s.length > 0, 'NonEmptyString');

/** Brand of {@link Base64String}. */
export interface Base64StringBrand {
  readonly Base64String: unique symbol;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A string in standard, padded base64 (what the API server accepts for Secret `data` and ConfigMap `binaryData`). */
export const Base64String = t.brand(
  t.string,
  (s): s is t.Branded<string, Base64StringBrand> => s.length % 4 === 0 && BASE64.test(s),
  'Base64String',
);

/** A mapping of strings to strings (labels, annotations, ConfigMap data). */
export const StringMap = t.record(t.string, t.string, 'a mapping of strings');

/** `codec` or `null` (errors against the `null` branch are not reported when the value is not null). */
export function nullable<C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC]> {
  return t.union([codec, t.null], codec.name);
}

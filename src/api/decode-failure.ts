import type * as t from 'io-ts';

/** One reason a value was refused: where (`spec.source.configMapRefs[0].name`) and why. */
export interface DecodeIssue {
  /** The field path, dots between properties and `[i]` for list items and unusual map keys. */
  readonly path: string;
  /** Why the value was refused. Never echoes anything but short scalar values. */
  readonly message: string;
}

/** A refused value: the first issue's `path` and `message`, and every issue. */
export interface DecodeFailure {
  readonly ok: false;
  /** The path of the first issue. */
  readonly path: string;
  /** The message of the first issue. */
  readonly message: string;
  /** Every issue, in field order. */
  readonly issues: readonly DecodeIssue[];
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

function pathOf(context: t.Context): string {
  let path = '';
  context.forEach((entry, i) => {
    if (entry.key === '') return;
    const parent = context[i - 1]?.actual;
    if (Array.isArray(parent)) path += `[${entry.key}]`;
    else if (!IDENTIFIER.test(entry.key)) path += `[${entry.key}]`;
    else path += path ? `.${entry.key}` : entry.key;
  });
  return path;
}

/** Turns io-ts errors into a {@link DecodeFailure}. */
export function failureOf(errors: t.Errors): DecodeFailure {
  const issues = errors.map((e) => ({ path: pathOf(e.context), message: e.message ?? 'is not valid' }));
  const first = issues[0] ?? { path: '', message: 'is not valid' };
  return { ok: false, path: first.path, message: first.message, issues };
}

/** Validates `value` as the field `key` of a document, so error paths start with `key`. */
export function validateField<A>(codec: t.Decoder<unknown, A>, key: string, value: unknown): t.Validation<A> {
  return codec.validate(value, [
    { key: '', type: codec, actual: { [key]: value } },
    { key, type: codec, actual: value },
  ]);
}

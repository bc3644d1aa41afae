import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { NonEmptyString, StringMap } from './codec-parts.js';
import { decodeProblems, type FieldProblem } from './decode-problems.js';

const MetadataCodec = t.intersection(
  [
    t.type({ name: NonEmptyString }, 'a mapping'),
    t.partial(
      {
        namespace: t.string,
        labels: StringMap,
        annotations: StringMap,
        finalizers: t.array(t.string, 'a list of strings'),
        ownerReferences: t.array(t.UnknownRecord, 'a list of mappings'),
      },
      'a mapping',
    ),
  ],
  'a mapping',
);

/**
 * io-ts codec of the fields every manifest needs: non-empty `apiVersion`, `kind` and
 * `metadata.name`; `metadata` a mapping; `namespace` a string; `labels` and `annotations`
 * mappings of strings; `finalizers` a list of strings. Other fields are kept as they are.
 */
export const ManifestCodec = t.type({ apiVersion: NonEmptyString, kind: NonEmptyString, metadata: MetadataCodec }, 'a mapping');

/** Decodes a manifest with {@link ManifestCodec}; returns its problems (none when valid). */
export function checkManifestShape(value: unknown): FieldProblem[] {
  const decoded = ManifestCodec.decode(value);
  return isLeft(decoded) ? decodeProblems(decoded.left) : [];
}

import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { groupOf } from '../core/object-ref.js';
import { Base64String, nullable, StringMap } from './codec-parts.js';
import { decodeProblems, type FieldProblem } from './decode-problems.js';

const Base64Map = t.record(t.string, Base64String, 'a mapping of base64 strings');

const ConfigMapFields = t.partial({ data: nullable(StringMap), binaryData: nullable(Base64Map), immutable: nullable(t.boolean) }, 'a mapping');
const SecretFields = t.partial(
  { data: nullable(Base64Map), stringData: nullable(StringMap), type: nullable(t.string), immutable: nullable(t.boolean) },
  'a mapping',
);

/**
 * Checks the fields of core kinds that are most often wrong in hand-written YAML and that the
 * API server would refuse: ConfigMap `data` values must be strings (`replicas: 3` is a
 * number), Secret `data` must be base64. Returns the problems, never the values.
 */
export function checkKindFields(apiVersion: string, kind: string, value: unknown): FieldProblem[] {
  if (groupOf(apiVersion) !== '') return [];
  const codec = kind === 'ConfigMap' ? ConfigMapFields : kind === 'Secret' ? SecretFields : undefined;
  if (!codec) return [];
  const decoded = codec.decode(value);
  return isLeft(decoded) ? decodeProblems(decoded.left) : [];
}

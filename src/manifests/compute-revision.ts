import { createHash } from 'node:crypto';
import { digestObject } from './digest-object.js';

/**
 * The revision of a desired set: `sha256:` and the hex SHA-256 of the sorted digests of its
 * objects. Independent of the order of the objects and of their keys; changed by any value.
 *
 * @example
 * ```ts
 * import { computeRevision } from 'syncprims';
 * const a = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } };
 * const b = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } };
 * computeRevision([a, b]) === computeRevision([b, a]); // true
 * ```
 */
export function computeRevision(objects: readonly unknown[]): string {
  const digests = objects.map((o) => digestObject(o)).sort();
  return `sha256:${createHash('sha256').update(digests.join('\n')).digest('hex')}`;
}

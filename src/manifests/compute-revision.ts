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
  return revisionOfDigests(objects.map((o) => digestObject(o)));
}

/** The revision of a set whose objects' digests (`digestObject`) are already known: order-independent. */
export function revisionOfDigests(digests: readonly string[]): string {
  return `sha256:${createHash('sha256').update([...digests].sort().join('\n')).digest('hex')}`;
}

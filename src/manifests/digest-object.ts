import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * The digest of a value: `sha256:` and the hex SHA-256 of its {@link canonicalJson}, so key
 * order does not matter and any value change does.
 *
 * Errors: throws `TypeError` on circular references and bigints.
 *
 * @example
 * ```ts
 * import { digestObject } from 'syncprims';
 * digestObject({ a: 1, b: 2 }) === digestObject({ b: 2, a: 1 }); // true
 * ```
 */
export function digestObject(obj: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(obj)).digest('hex')}`;
}

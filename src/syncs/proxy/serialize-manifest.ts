import type { KubeObject } from '../../core/object-ref.js';
import { canonicalJson } from '../../manifests/index.js';

/**
 * Serializes one object as a payload document: its canonical JSON (sorted keys, so equal
 * objects give equal text) on one line, which any YAML reader also reads. U+2028 and U+2029
 * are escaped, since some YAML readers take them for line breaks.
 *
 * Errors: throws `TypeError` for values JSON cannot hold (cycles, bigints); validated
 * desired sets never contain them.
 */
export function serializeManifest(obj: KubeObject): string {
  return `${canonicalJson(obj).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}\n`;
}

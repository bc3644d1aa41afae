import { createHash } from 'node:crypto';
import type { KubeObject } from '../core/object-ref.js';

/**
 * Digest of the fields `fieldManager` owns through server-side apply on a live object
 * (its `managedFields` entry with operation `Apply` on the main resource), or `undefined`
 * when it owns none.
 *
 * If another manager takes over a field this manager applied, the entry shrinks and the
 * digest changes; if anything else applies new values under the same manager name (a second
 * process, another sync sharing the field manager), the entry's `time` moves and the digest
 * changes too. That is how drift is detected without a dry-run request.
 */
export function fieldsDigest(live: KubeObject, fieldManager: string): string | undefined {
  const entry = live.metadata.managedFields?.find(
    (f) => f.manager === fieldManager && f.operation === 'Apply' && (f.subresource === undefined || f.subresource === ''),
  );
  if (!entry?.fieldsV1) return undefined;
  // The server serializes field sets in a sorted, canonical order, so its JSON text is stable:
  // no need to re-sort it (the hot path of an unchanged pass runs this once per object).
  return 'sha256:' + createHash('sha256').update(`${entry.time ?? ''}\n${JSON.stringify(entry.fieldsV1)}`).digest('hex');
}

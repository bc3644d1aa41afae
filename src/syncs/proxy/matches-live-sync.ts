import type { KubeObject } from '../../core/object-ref.js';
import { decodeSpec } from '../../api/decode-spec.js';
import { canonicalJson } from '../../manifests/index.js';

function includes(live: Readonly<Record<string, string>> | undefined, wanted: Readonly<Record<string, string>> | undefined): boolean {
  return Object.entries(wanted ?? {}).every(([k, v]) => live?.[k] === v);
}

/**
 * True when the live remote Sync already says what `desired` says (pure): the same decoded spec
 * (defaults applied, so a server that fills in defaults still matches) and every desired label
 * and annotation. Then the ProxySync sends no write: an unchanged spec is not rewritten.
 * A live object whose spec does not decode never matches.
 */
export function matchesLiveSync(live: KubeObject, desired: KubeObject): boolean {
  if (live.metadata.deletionTimestamp) return false;
  if (!includes(live.metadata.labels, desired.metadata.labels) || !includes(live.metadata.annotations, desired.metadata.annotations)) return false;
  const a = decodeSpec('Sync', live);
  const b = decodeSpec('Sync', desired);
  return a.ok && b.ok && canonicalJson(a.spec) === canonicalJson(b.spec);
}

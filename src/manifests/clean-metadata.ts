/** Metadata fields the API server sets; applying them fails or pins the object to one cluster. */
export const SERVER_METADATA_FIELDS: readonly string[] = Object.freeze([
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

/**
 * Normalizes `metadata` of a plain-JSON object in place: removes the fields the API server
 * sets ({@link SERVER_METADATA_FIELDS}, as found in `kubectl get -o yaml` output), `null`
 * `namespace`/`labels`/`annotations`, and an empty `namespace` (which means "none", as for kubectl).
 */
export function cleanMetadata(obj: Record<string, unknown>): void {
  const meta = obj['metadata'];
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return;
  const m = meta as Record<string, unknown>;
  for (const field of SERVER_METADATA_FIELDS) delete m[field];
  for (const field of ['namespace', 'labels', 'annotations']) if (m[field] === null) delete m[field];
  if (m['namespace'] === '') delete m['namespace'];
}

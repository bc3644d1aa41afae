import { isSyncKind, type SyncKind } from '../api/group.js';

/** Which custom resource a work-queue key names. */
export interface ObjectKey {
  readonly kind: SyncKind;
  readonly namespace: string;
  readonly name: string;
}

/** The work-queue key of a custom resource: `Kind/namespace/name`. */
export function formatObjectKey(kind: SyncKind, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** Reads a key made by {@link formatObjectKey}; `undefined` when malformed. */
export function parseObjectKey(key: string): ObjectKey | undefined {
  const [kind, namespace, name, ...rest] = key.split('/');
  if (rest.length > 0 || !isSyncKind(kind) || !namespace || !name) return undefined;
  return { kind, namespace, name };
}

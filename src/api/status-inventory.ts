import { groupOf, type ObjectRef } from '../core/object-ref.js';
import type { StatusInventoryEntry } from './status.js';

/**
 * The `status.inventory` entry of an object: id `group_kind_namespace_name` and its version.
 * No part can hold `_` (group, namespace and name are DNS names, a kind is CamelCase), so
 * {@link refOfStatusInventoryEntry} reads it back.
 *
 * @example
 * ```ts
 * import { statusInventoryEntryOf } from 'syncprims';
 * statusInventoryEntryOf({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' });
 * // { id: 'apps_Deployment_web_api', v: 'v1' }
 * ```
 */
export function statusInventoryEntryOf(ref: ObjectRef): StatusInventoryEntry {
  const group = groupOf(ref.apiVersion);
  const version = group ? ref.apiVersion.slice(group.length + 1) : ref.apiVersion;
  return { id: `${group}_${ref.kind}_${ref.namespace ?? ''}_${ref.name}`, v: version };
}

/** Reads an object reference back from a `status.inventory` entry; `undefined` when malformed. */
export function refOfStatusInventoryEntry(entry: StatusInventoryEntry): ObjectRef | undefined {
  const parts = entry.id.split('_');
  if (parts.length !== 4 || !entry.v) return undefined;
  const [group, kind, namespace, name] = parts as [string, string, string, string];
  if (!kind || !name) return undefined;
  const apiVersion = group ? `${group}/${entry.v}` : entry.v;
  return namespace ? { apiVersion, kind, namespace, name } : { apiVersion, kind, name };
}

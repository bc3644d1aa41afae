import type { ResourceMapping } from './kube-client.js';

/**
 * Builds the REST path of a resource: the collection (`name` absent), one object, or one
 * of its subresources. `namespace` is ignored for cluster-scoped resources; an absent
 * namespace on a namespaced resource addresses all namespaces (lists and watches).
 *
 * For `apps/v1` Deployments: `/apis/apps/v1/namespaces/web/deployments/api/status`.
 */
export function resourcePath(mapping: ResourceMapping, namespace?: string, name?: string, subresource?: string): string {
  const root = mapping.group === '' ? `/api/${mapping.version}` : `/apis/${mapping.group}/${mapping.version}`;
  const ns = mapping.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const obj = name !== undefined ? `/${encodeURIComponent(name)}` : '';
  const sub = name !== undefined && subresource ? `/${subresource}` : '';
  return `${root}${ns}/${mapping.resource}${obj}${sub}`;
}

/** The discovery path of a group-version: `/api/v1` or `/apis/<group>/<version>`. */
export function discoveryPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

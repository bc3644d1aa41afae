import type { KubeObject } from '../src/index.js';
import type { BenchSet } from './bench-set.js';
import type { RestEndpoint } from './rest-endpoint.js';
import { sendOk } from './send-request.js';

/** `apiVersion/kind` -> plural resource and scope. */
export type RestMapping = ReadonlyMap<string, { readonly resource: string; readonly namespaced: boolean }>;

interface ApiResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

/**
 * Discovers the resources of every built-in apiVersion a set uses (one GET per group version)
 * and adds the set's own custom kind from its CRD. Done before any timing starts.
 */
export async function discoverMapping(endpoint: RestEndpoint, set: BenchSet): Promise<RestMapping> {
  const mapping = new Map<string, { resource: string; namespaced: boolean }>();
  const ck = set.customKind;
  const custom = ck ? `${ck.group}/${ck.version}` : undefined;
  const versions = new Set([...set.prerequisites, ...set.objects].map((o) => o.apiVersion).filter((v) => v !== custom));
  for (const apiVersion of versions) {
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const list = JSON.parse((await sendOk(endpoint, { method: 'GET', path })).body.toString('utf8')) as ApiResourceList;
    for (const r of list.resources) if (!r.name.includes('/')) mapping.set(`${apiVersion}/${r.kind}`, { resource: r.name, namespaced: r.namespaced });
  }
  if (ck) mapping.set(`${custom}/${ck.kind}`, { resource: ck.plural, namespaced: true });
  return mapping;
}

/** The REST path of one object (no query). */
export function objectPath(mapping: RestMapping, obj: KubeObject): string {
  const m = mapping.get(`${obj.apiVersion}/${obj.kind}`);
  if (!m) throw new Error(`no mapping for ${obj.apiVersion} ${obj.kind}`);
  const base = obj.apiVersion.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
  const ns = m.namespaced ? `/namespaces/${obj.metadata.namespace}` : '';
  return `${base}${ns}/${m.resource}/${obj.metadata.name}`;
}

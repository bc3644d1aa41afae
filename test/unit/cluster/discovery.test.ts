import { describe, expect, it } from 'vitest';
import { parseResourceList } from '../../../src/cluster/parse-resource-list.js';
import { parseApiVersion } from '../../../src/cluster/parse-api-version.js';
import { resourcePath, discoveryPath } from '../../../src/cluster/resource-path.js';
import { findCrdMapping, mayBeCustomGroup } from '../../../src/cluster/find-crd-mapping.js';

// Trimmed from GET /apis/apps/v1 on a 1.20 kube-apiserver.
const appsV1 = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'apps/v1',
  resources: [
    { name: 'controllerrevisions', singularName: '', namespaced: true, kind: 'ControllerRevision', verbs: ['create', 'get', 'list'] },
    { name: 'deployments', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get', 'list', 'patch'], shortNames: ['deploy'], categories: ['all'], storageVersionHash: 'x' },
    { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
    { name: 'deployments/status', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
  ],
};

describe('parseResourceList', () => {
  it('maps kinds to resources and skips subresources', () => {
    const byKind = parseResourceList(appsV1, 'apps', 'v1');
    expect(byKind.get('Deployment')).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true });
    expect(byKind.has('Scale')).toBe(false);
    expect([...byKind.keys()]).toEqual(['ControllerRevision', 'Deployment']);
  });

  it('knows cluster-scoped resources', () => {
    const core = { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'namespaces', namespaced: false, kind: 'Namespace', verbs: [] }] };
    expect(parseResourceList(core, '', 'v1').get('Namespace')?.namespaced).toBe(false);
  });

  it('names the malformed field', () => {
    expect(() => parseResourceList({ groupVersion: 'apps/v1', resources: [{ name: 'x', kind: 'X' }] }, 'apps', 'v1')).toThrow(/apps\/v1: resources\[0\]\.namespaced: missing/);
  });
});

describe('parseApiVersion and paths', () => {
  it('splits core and named groups', () => {
    expect(parseApiVersion('v1')).toEqual({ group: '', version: 'v1' });
    expect(parseApiVersion('apps/v1')).toEqual({ group: 'apps', version: 'v1' });
    expect(() => parseApiVersion('a/b/c', 'X')).toThrow(/not a valid apiVersion/);
    expect(() => parseApiVersion('', 'X')).toThrow(/UNKNOWN_KIND|not a valid/);
  });

  it('builds collection, object and subresource paths', () => {
    const deploy = { group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true };
    const ns = { group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false };
    expect(resourcePath(deploy, 'web', 'api', 'status')).toBe('/apis/apps/v1/namespaces/web/deployments/api/status');
    expect(resourcePath(deploy)).toBe('/apis/apps/v1/deployments');
    expect(resourcePath(ns, 'ignored', 'kube-system')).toBe('/api/v1/namespaces/kube-system');
    expect(discoveryPath('', 'v1')).toBe('/api/v1');
    expect(discoveryPath('example.com', 'v1alpha1')).toBe('/apis/example.com/v1alpha1');
  });
});

describe('findCrdMapping', () => {
  const crd = (kind: string, established: boolean, served = true) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.toLowerCase()}s.example.com` },
    spec: { group: 'example.com', scope: 'Cluster', names: { kind, plural: `${kind.toLowerCase()}s` }, versions: [{ name: 'v1', served, storage: true }] },
    status: { conditions: [{ type: 'Established', status: established ? 'True' : 'False' }] },
  });

  it('maps an established CRD serving the version', () => {
    const list = { items: [{ bogus: true }, crd('Gadget', false), crd('Widget', true)] };
    expect(findCrdMapping(list, 'example.com', 'v1', 'Widget')).toEqual({ group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', namespaced: false });
  });

  it('ignores CRDs not established, not serving the version, or of another group', () => {
    expect(findCrdMapping({ items: [crd('Gadget', false)] }, 'example.com', 'v1', 'Gadget')).toBeUndefined();
    expect(findCrdMapping({ items: [crd('Widget', true, false)] }, 'example.com', 'v1', 'Widget')).toBeUndefined();
    expect(findCrdMapping({ items: [crd('Widget', true)] }, 'example.com', 'v2', 'Widget')).toBeUndefined();
    expect(findCrdMapping({ items: [crd('Widget', true)] }, 'other.com', 'v1', 'Widget')).toBeUndefined();
    expect(findCrdMapping('not a list', 'example.com', 'v1', 'Widget')).toBeUndefined();
  });

  it('only applies to groups CRDs can serve', () => {
    expect(mayBeCustomGroup('example.com')).toBe(true);
    expect(mayBeCustomGroup('')).toBe(false);
    expect(mayBeCustomGroup('apps')).toBe(false);
    expect(mayBeCustomGroup('rbac.authorization.k8s.io')).toBe(false);
  });
});

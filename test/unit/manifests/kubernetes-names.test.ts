import { describe, expect, it } from 'vitest';
import { builtinScope, crdKinds, isCrd, isDns1123Label, isDns1123Subdomain } from '../../../src/index.js';
import { checkLabelValue, checkQualifiedName } from '../../../src/manifests/label-rules.js';
import { checkName, nameRuleOf } from '../../../src/manifests/kubernetes-names.js';

describe('Kubernetes name rules', () => {
  it('tells DNS-1123 labels and subdomains apart', () => {
    expect(['a', 'web-1', '0', 'a'.repeat(63)].every(isDns1123Label)).toBe(true);
    expect(['', 'A', '-a', 'a-', 'a.b', 'a_b', 'a'.repeat(64)].some(isDns1123Label)).toBe(false);
    expect(['a.b', 'widgets.example.com', `${'a'.repeat(63)}.b`].every(isDns1123Subdomain)).toBe(true);
    expect(['', 'a..b', '.a', 'a.', 'A.b', 'a'.repeat(254)].some(isDns1123Subdomain)).toBe(false);
  });

  it('picks the rule of a kind', () => {
    expect(nameRuleOf('v1', 'Namespace')).toBe('dns-label');
    expect(nameRuleOf('v1', 'Service')).toBe('dns-label');
    expect(nameRuleOf('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding')).toBe('path-segment');
    expect(nameRuleOf('example.com/v1', 'Service')).toBe('dns-subdomain');
    expect(checkName('system:auth-delegator', 'path-segment')).toBeUndefined();
    expect(checkName('..', 'path-segment')).toBe('may not be "." or ".."');
  });

  it('checks label keys and values', () => {
    expect(checkQualifiedName('app.kubernetes.io/name')).toBeUndefined();
    expect(checkQualifiedName('app')).toBeUndefined();
    expect(checkQualifiedName('a/b/c')).toBeDefined();
    expect(checkQualifiedName('Bad_Prefix/x')).toBe('has a prefix that is not a DNS-1123 subdomain');
    expect(checkQualifiedName('x'.repeat(64))).toBeDefined();
    expect(checkLabelValue('')).toBeUndefined();
    expect(checkLabelValue('v1.2_3-b')).toBeUndefined();
    expect(checkLabelValue('-x')).toBeDefined();
    expect(checkLabelValue('x'.repeat(64))).toBeDefined();
  });
});

describe('builtinScope', () => {
  it('knows the built-in kinds by group and kind', () => {
    expect(builtinScope('apps/v1', 'Deployment')).toBe('Namespaced');
    expect(builtinScope('v1', 'Namespace')).toBe('Cluster');
    expect(builtinScope('rbac.authorization.k8s.io/v1', 'ClusterRole')).toBe('Cluster');
    expect(builtinScope('example.com/v1', 'Widget')).toBeUndefined();
    expect(builtinScope('constructor/v1', 'toString')).toBeUndefined();
  });
});

describe('isCrd and crdKinds', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Cluster',
      names: { kind: 'Widget', plural: 'widgets' },
      versions: [
        { name: 'v1', served: true, storage: true },
        { name: 'v1beta1', served: false, storage: false },
        { name: 'v2', served: true, storage: false },
      ],
    },
  };

  it('lists one kind per served version with its scope', () => {
    expect(isCrd(crd)).toBe(true);
    expect(crdKinds(crd)).toEqual([
      { apiVersion: 'example.com/v1', group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', scope: 'Cluster' },
      { apiVersion: 'example.com/v2', group: 'example.com', version: 'v2', kind: 'Widget', plural: 'widgets', scope: 'Cluster' },
    ]);
  });

  it('reads the single version of a v1beta1 CRD', () => {
    const old = { ...crd, apiVersion: 'apiextensions.k8s.io/v1beta1', spec: { ...crd.spec, versions: undefined, version: 'v1alpha1' } };
    expect(crdKinds(old).map((k) => k.apiVersion)).toEqual(['example.com/v1alpha1']);
  });

  it('returns [] for anything else', () => {
    expect(isCrd({ apiVersion: 'v1', kind: 'ConfigMap' })).toBe(false);
    expect(crdKinds({ apiVersion: 'v1', kind: 'ConfigMap' })).toEqual([]);
    expect(crdKinds({ ...crd, spec: { group: 'x' } })).toEqual([]);
    expect(crdKinds(null)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateHealth } from '../../../src/health/index.js';
import type { KubeObject } from '../../../src/core/index.js';

function pvc(phase: string | undefined): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data-web-0', namespace: 'shop', annotations: { 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'local-path', volumeMode: 'Filesystem' },
    status: phase === 'Bound' ? { phase, accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } } : phase ? { phase } : {},
  };
}

describe('PersistentVolumeClaim', () => {
  it('is Current when Bound, InProgress otherwise', () => {
    expect(evaluateHealth(pvc('Bound'))).toEqual({ status: 'Current', message: 'PVC is Bound' });
    expect(evaluateHealth(pvc('Pending'))).toEqual({ status: 'InProgress', message: 'PVC is not Bound. Phase: Pending' });
    expect(evaluateHealth(pvc(undefined)).message).toBe('PVC is not Bound. Phase: unknown');
  });
});

function crd(conditions: Record<string, unknown>[]): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com', generation: 1 },
    spec: {
      group: 'example.com',
      names: { kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
    status: {
      acceptedNames: { kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget' },
      storedVersions: ['v1'],
      conditions,
    },
  };
}

describe('CustomResourceDefinition', () => {
  const namesAccepted = { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' };

  it('is Current when Established', () => {
    const established = crd([namesAccepted, { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }]);
    expect(evaluateHealth(established)).toEqual({ status: 'Current', message: 'CRD is established' });
  });

  it('is InProgress while installing or before any condition', () => {
    expect(evaluateHealth(crd([namesAccepted, { type: 'Established', status: 'False', reason: 'Installing', message: 'the initial names have been accepted' }])).status).toBe('InProgress');
    expect(evaluateHealth(crd([]))).toEqual({ status: 'InProgress', message: 'CRD is not established yet' });
  });

  it('is Failed when its names are not accepted', () => {
    const clash = crd([
      { type: 'NamesAccepted', status: 'False', reason: 'ListKindConflict', message: '"WidgetList" is already in use' },
      { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' },
    ]);
    expect(evaluateHealth(clash)).toEqual({ status: 'Failed', message: 'CRD names not accepted: ListKindConflict: "WidgetList" is already in use' });
  });

  it('is Failed when Established is False for a reason other than Installing', () => {
    expect(evaluateHealth(crd([{ type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' }])).status).toBe('Failed');
  });
});

function namespace(phase: string | undefined, deleting = false): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'shop',
      labels: { 'kubernetes.io/metadata.name': 'shop' },
      ...(deleting ? { deletionTimestamp: '2025-05-02T10:10:00Z' } : {}),
    },
    spec: { finalizers: ['kubernetes'] },
    ...(phase ? { status: { phase } } : {}),
  };
}

describe('Namespace', () => {
  it('is Current when Active', () => {
    expect(evaluateHealth(namespace('Active'))).toEqual({ status: 'Current', message: 'Namespace is Active' });
  });

  it('is Terminating while being deleted', () => {
    expect(evaluateHealth(namespace('Terminating', true)).status).toBe('Terminating');
    expect(evaluateHealth(namespace('Terminating'))).toEqual({ status: 'Terminating', message: 'Namespace is terminating' });
  });

  it('is InProgress without a phase', () => {
    expect(evaluateHealth(namespace(undefined)).status).toBe('InProgress');
  });
});

function service(spec: Record<string, unknown>, status: Record<string, unknown> = { loadBalancer: {} }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }], selector: { app: 'web' }, sessionAffinity: 'None', ...spec },
    status,
  };
}

describe('Service', () => {
  it('is Current for ClusterIP, NodePort and ExternalName services', () => {
    expect(evaluateHealth(service({ type: 'ClusterIP', clusterIP: '10.96.12.7', clusterIPs: ['10.96.12.7'] })).status).toBe('Current');
    expect(evaluateHealth(service({ type: 'NodePort', clusterIP: '10.96.12.8' })).status).toBe('Current');
    expect(evaluateHealth(service({ type: 'ExternalName', externalName: 'db.example.com' })).status).toBe('Current');
  });

  it('is InProgress for a LoadBalancer until it has an ingress address', () => {
    const lb = { type: 'LoadBalancer', clusterIP: '10.96.12.9', externalTrafficPolicy: 'Cluster' };
    expect(evaluateHealth(service(lb))).toEqual({ status: 'InProgress', message: 'Waiting for the load balancer to get an address' });
    expect(evaluateHealth(service({ type: 'LoadBalancer' })).message).toBe('ClusterIP not set. Service type: LoadBalancer');
    const assigned = service(lb, { loadBalancer: { ingress: [{ ip: '203.0.113.10', ipMode: 'VIP' }] } });
    expect(evaluateHealth(assigned).status).toBe('Current');
  });
});

function pdb(observedGeneration: number): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'shop', generation: 2 },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    status: {
      observedGeneration,
      currentHealthy: 3,
      desiredHealthy: 2,
      disruptionsAllowed: 1,
      expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', observedGeneration }],
    },
  };
}

describe('PodDisruptionBudget', () => {
  it('is Current once the disruption controller observed the latest generation', () => {
    expect(evaluateHealth(pdb(2))).toEqual({ status: 'Current', message: 'AllowedDisruptions has been computed' });
    expect(evaluateHealth(pdb(1)).status).toBe('InProgress');
  });
});

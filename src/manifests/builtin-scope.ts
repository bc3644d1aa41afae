import { groupOf } from '../core/object-ref.js';
import type { ResourceScope } from './scope-resolver.js';

function toMap(kinds: Record<string, readonly string[]>): ReadonlyMap<string, ReadonlySet<string>> {
  return new Map(Object.entries(kinds).map(([group, list]) => [group, new Set(list)]));
}

const NAMESPACED = toMap({
  '': ['Binding', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'PersistentVolumeClaim', 'Pod', 'PodTemplate',
    'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
  apps: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  autoscaling: ['HorizontalPodAutoscaler'],
  batch: ['CronJob', 'Job'],
  'coordination.k8s.io': ['Lease'],
  'discovery.k8s.io': ['EndpointSlice'],
  'events.k8s.io': ['Event'],
  'networking.k8s.io': ['Ingress', 'NetworkPolicy'],
  policy: ['PodDisruptionBudget'],
  'rbac.authorization.k8s.io': ['Role', 'RoleBinding'],
  'storage.k8s.io': ['CSIStorageCapacity'],
});

const CLUSTER = toMap({
  '': ['ComponentStatus', 'Namespace', 'Node', 'PersistentVolume'],
  'admissionregistration.k8s.io': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
    'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'certificates.k8s.io': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io': ['IngressClass'],
  'node.k8s.io': ['RuntimeClass'],
  policy: ['PodSecurityPolicy'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'scheduling.k8s.io': ['PriorityClass'],
  'storage.k8s.io': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
});

/**
 * The scope of the built-in Kubernetes kinds, by API group and kind (any version), without a
 * cluster: `undefined` for kinds it does not know (custom resources). The default scope
 * resolver of `prepareDesiredSet`, for offline validation.
 *
 * Caveat: it cannot tell whether a cluster serves a given version; pass the cluster's REST
 * mapper as `resolveScope` for that.
 *
 * @example
 * ```ts
 * import { builtinScope } from 'syncprims';
 * builtinScope('apps/v1', 'Deployment'); // 'Namespaced'
 * builtinScope('v1', 'Namespace'); // 'Cluster'
 * ```
 */
export function builtinScope(apiVersion: string, kind: string): ResourceScope | undefined {
  const group = groupOf(apiVersion);
  if (NAMESPACED.get(group)?.has(kind)) return 'Namespaced';
  if (CLUSTER.get(group)?.has(kind)) return 'Cluster';
  return undefined;
}

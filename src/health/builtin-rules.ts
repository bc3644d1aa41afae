import { groupOf, type KubeObject } from '../core/object-ref.js';
import type { HealthStatus } from './health-status.js';
import { evaluateCustomResourceDefinition } from './kinds/custom-resource-definition-health.js';
import { evaluateDaemonSet } from './kinds/daemon-set-health.js';
import { evaluateDeployment } from './kinds/deployment-health.js';
import { evaluateJob } from './kinds/job-health.js';
import { evaluateNamespace } from './kinds/namespace-health.js';
import { evaluatePersistentVolumeClaim } from './kinds/persistent-volume-claim-health.js';
import { evaluatePodDisruptionBudget } from './kinds/pod-disruption-budget-health.js';
import { evaluatePod } from './kinds/pod-health.js';
import { evaluateReplicaSet } from './kinds/replica-set-health.js';
import { evaluateService } from './kinds/service-health.js';
import { evaluateStatefulSet } from './kinds/stateful-set-health.js';
import { evaluateSyncprimsResource } from './kinds/syncprims-resource-health.js';

type KindEvaluator = (obj: KubeObject) => HealthStatus;

/** The built-in rules, keyed by `group/Kind` (`Kind` alone for the core group), as in kstatus. */
const builtinRules: ReadonlyMap<string, KindEvaluator> = new Map<string, KindEvaluator>([
  ['Pod', evaluatePod],
  ['Service', evaluateService],
  ['PersistentVolumeClaim', evaluatePersistentVolumeClaim],
  ['Namespace', evaluateNamespace],
  ['apps/Deployment', evaluateDeployment],
  ['extensions/Deployment', evaluateDeployment],
  ['apps/StatefulSet', evaluateStatefulSet],
  ['apps/DaemonSet', evaluateDaemonSet],
  ['extensions/DaemonSet', evaluateDaemonSet],
  ['apps/ReplicaSet', evaluateReplicaSet],
  ['extensions/ReplicaSet', evaluateReplicaSet],
  ['batch/Job', evaluateJob],
  ['policy/PodDisruptionBudget', evaluatePodDisruptionBudget],
  ['apiextensions.k8s.io/CustomResourceDefinition', evaluateCustomResourceDefinition],
  ['syncprims.dev/Sync', evaluateSyncprimsResource],
  ['syncprims.dev/RemoteSync', evaluateSyncprimsResource],
  ['syncprims.dev/ProxySync', evaluateSyncprimsResource],
]);

/** The built-in rule for the object's group and kind, if there is one. */
export function findBuiltinRule(obj: KubeObject): KindEvaluator | undefined {
  const group = groupOf(obj.apiVersion);
  return builtinRules.get(group === '' ? obj.kind : `${group}/${obj.kind}`);
}

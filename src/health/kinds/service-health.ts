import type { KubeObject } from '../../core/object-ref.js';
import { current, inProgress, type HealthStatus } from '../health-status.js';
import { readArray, readString } from '../status-fields.js';

/**
 * Service: Current, except `type: LoadBalancer`, which is InProgress until it has a cluster IP
 * and `status.loadBalancer.ingress` lists at least one address.
 *
 * Difference from kstatus, which only waits for the cluster IP: a load balancer without an
 * address is not usable. Caveat: on clusters with no load-balancer controller (kind, bare
 * metal without MetalLB) such a Service never becomes Current; override with a custom rule.
 */
export function evaluateService(obj: KubeObject): HealthStatus {
  if (readString(obj, ['spec', 'type'], 'ClusterIP') !== 'LoadBalancer') return current('Service is ready');
  if (readString(obj, ['spec', 'clusterIP'], '') === '') return inProgress('ClusterIP not set. Service type: LoadBalancer');
  if (readArray(obj, ['status', 'loadBalancer', 'ingress']).length === 0) {
    return inProgress('Waiting for the load balancer to get an address');
  }
  return current('Service is ready (load balancer has an address)');
}

import { randomBytes } from 'node:crypto';
import { Cluster } from '../../../src/index.js';
import { fleetInfo, singleCluster } from '../fleet-context.js';

/**
 * A `Cluster` for a fleet cluster and user (admin by default). For `mgmt` as admin, honours
 * `SYNCPRIMS_TEST_KUBECONFIG` (an existing cluster) like envtest's USE_EXISTING_CLUSTER.
 */
export function clusterFor(name = 'mgmt', user: 'admin' | 'restricted' | 'alice' | 'bob' = 'admin'): Cluster {
  if (name === 'mgmt' && user === 'admin') return Cluster.fromKubeconfig({ path: singleCluster().kubeconfigPath });
  return Cluster.fromKubeconfig({ path: fleetInfo().cluster(name).kubeconfigPath(user) });
}

/** A unique DNS-1123 name for test objects: `<prefix>-<8 hex>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

import type { Cluster } from './cluster.js';
import type { SecretRef } from './cluster-options.js';

/**
 * Where a {@link Cluster}'s credentials come from. For `fromSecret`, `management` is the
 * cluster holding the Secret and `secret` where it is (syncers use them to tell management
 * clusters apart in ownership labels).
 */
export interface ClusterOrigin {
  /** Which factory made the cluster. */
  readonly kind: 'kubeconfig' | 'kubeconfig-object' | 'in-cluster' | 'secret';
  /** The kubeconfig file given to `fromKubeconfig` (absent for the default lookup and `yaml`). */
  readonly path?: string;
  /** The context given to `fromKubeconfig`. */
  readonly context?: string;
  /** For `fromSecret`: the management cluster. */
  readonly management?: Cluster;
  /** For `fromSecret`: the Secret holding the kubeconfig. */
  readonly secret?: Readonly<SecretRef>;
}

import type { Logger } from '../core/logger.js';
import type { ClusterWarning } from './cluster-warning.js';
import type { Impersonation } from './impersonation.js';
import type { KubeconfigPolicy } from './kubeconfig-policy.js';

/** Options every way of making a {@link Cluster} takes. */
export interface ClusterOptions {
  /** Display name for messages. @default the context name, `in-cluster`, or `secret <namespace>/<name>` */
  name?: string;
  /**
   * Bound on opening each connection (TCP connect plus TLS handshake), in milliseconds; an
   * unreachable server fails with `UNREACHABLE` after at most this long. There is no other
   * timeout: each call's `signal` governs it.
   * @default 10_000
   */
  connectTimeoutMs?: number;
  /**
   * Most concurrent requests (keep-alive connections) to the API server; more wait for a free
   * connection. Watches use a separate pool and do not count. Keep it at or above the
   * concurrency of the syncers using the cluster.
   * @default 64
   */
  maxSockets?: number;
  /** Act as another user or ServiceAccount (see also {@link Cluster.impersonate}). @default undefined */
  impersonate?: Impersonation;
  /** Where diagnostics go. Never receives credentials. @default a silent logger */
  logger?: Logger;
  /**
   * Called with each warning (e.g. `insecure-skip-tls-verify`) when a connection is
   * opened; the same warnings are on the connected client's `warnings`.
   * @default undefined
   */
  onWarning?: (warning: ClusterWarning) => void;
}

/** Options of {@link Cluster.fromKubeconfig}. */
export interface FromKubeconfigOptions extends ClusterOptions {
  /** The kubeconfig file. Exclusive with `yaml`. @default the first existing file of `$KUBECONFIG`, else `~/.kube/config` */
  path?: string;
  /** Kubeconfig text (YAML or JSON) instead of a file. Exclusive with `path`. @default undefined */
  yaml?: string;
  /** The context to use. @default the kubeconfig's `current-context` */
  context?: string;
}

/** Options of {@link Cluster.fromKubeConfig}. */
export type FromKubeConfigObjectOptions = ClusterOptions;

/** Options of {@link Cluster.inCluster}. */
export type InClusterOptions = ClusterOptions;

/** Where a kubeconfig Secret is, for {@link Cluster.fromSecret}. */
export interface SecretRef {
  /** The Secret's namespace. */
  namespace: string;
  /** The Secret's name. */
  name: string;
  /** The key holding the kubeconfig. @default the first present of `value`, `value.yaml`, `kubeconfig` */
  key?: string;
}

/** Options of {@link Cluster.fromSecret}: the kubeconfig policy plus the common options. */
export interface FromSecretOptions extends ClusterOptions, KubeconfigPolicy {}

/** Options of {@link Cluster.connect}. */
export interface ConnectOptions {
  /** Aborts connecting (reading the Secret, running credential plugins). @default undefined */
  signal?: AbortSignal;
}

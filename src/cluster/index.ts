export * from './kube-client.js';
export { Cluster } from './cluster.js';
export type {
  ClusterOptions,
  FromKubeconfigOptions,
  FromKubeConfigObjectOptions,
  InClusterOptions,
  SecretRef,
  FromSecretOptions,
  ConnectOptions,
} from './cluster-options.js';
export type { ClusterWarning } from './cluster-warning.js';
export type { ClusterOrigin } from './cluster-origin.js';
export type { Impersonation } from './impersonation.js';
export type { KubeconfigPolicy } from './kubeconfig-policy.js';
export type { ApiStatus, ApiStatusCause } from './api-status.js';
export { toSyncError, apiStatusOf } from './to-sync-error.js';
export { KUBECONFIG_SECRET_KEYS } from './read-kubeconfig-secret.js';
export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_SOCKETS } from './validate-cluster-options.js';

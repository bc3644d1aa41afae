/**
 * Something about a cluster connection the caller should know, that does not fail it.
 * Syncers forward these as `warning` events.
 *
 * Codes: `INSECURE_SKIP_TLS_VERIFY` (the kubeconfig disables server certificate checks),
 * `PROXY_URL_IGNORED` (the kubeconfig sets `proxy-url`, which syncprims does not support).
 */
export interface ClusterWarning {
  /** A stable, machine-readable code. */
  readonly code: string;
  /** One line for humans; never carries credentials. */
  readonly message: string;
}

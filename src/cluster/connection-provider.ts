import type { ClusterConnection } from './http-kube-client.js';

/** Where a `Cluster` gets its connection from: a kubeconfig (cached), or a Secret (re-read each time). */
export interface ConnectionProvider {
  /** Returns an open connection, opening (or re-opening) it when needed. */
  connection(signal?: AbortSignal): Promise<ClusterConnection>;
  /** The display name known so far (a kubeconfig's context is known once it was read). */
  describe(): string;
  /** Closes the connection pool(s). */
  close(): void;
}

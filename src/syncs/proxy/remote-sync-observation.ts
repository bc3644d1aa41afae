import type { SyncStatus } from '../../api/status.js';

/**
 * The remote `Sync` as a ProxySync last saw it: where it is, the generation the management side
 * wrote, and its status as the remote controller reported it (decoded from untrusted JSON).
 */
export interface RemoteSyncObservation {
  /** The remote cluster's display name (e.g. `secret fleet/edge-1-kubeconfig`). */
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  /** The remote Sync's `metadata.generation` when seen. */
  readonly generation: number;
  /** Its `status`: conditions, inventory, revisions and message, as the remote controller wrote them. */
  readonly status: SyncStatus;
  /** When it was read (RFC 3339). */
  readonly seenAt: string;
}

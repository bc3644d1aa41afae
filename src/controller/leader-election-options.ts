import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { OptionsError } from '../core/sync-error.js';

/**
 * Options of leader election with a `coordination.k8s.io/v1` Lease. The defaults are
 * client-go's: a standby takes over at most `leaseDurationMs` after the leader stopped renewing.
 */
export interface LeaderElectionOptions {
  /** Namespace of the Lease (must exist). @default 'syncprims-system' */
  namespace?: string;
  /** Name of the Lease; replicas of one controller share it. @default 'syncprims-controller' */
  name?: string;
  /** This replica's identity, written as `holderIdentity`. @default `<hostname>_<8 random hex digits>` */
  identity?: string;
  /** How long a Lease stays valid after its last renewal, as seen by a standby. @default 15000 */
  leaseDurationMs?: number;
  /** The leader gives up leading when it could not renew for this long. @default 10000 */
  renewDeadlineMs?: number;
  /** Pause between attempts to acquire or renew. @default 2000 */
  retryPeriodMs?: number;
}

/** {@link LeaderElectionOptions} with every default filled in. */
export type ResolvedLeaderElection = Required<LeaderElectionOptions>;

/** Default Lease namespace. */
export const DEFAULT_LEASE_NAMESPACE = 'syncprims-system';
/** Default Lease name. */
export const DEFAULT_LEASE_NAME = 'syncprims-controller';

/** Fills in defaults and checks `leaseDurationMs > renewDeadlineMs > 1.2 × retryPeriodMs` (client-go's rule). */
export function resolveLeaderElection(options: LeaderElectionOptions = {}): ResolvedLeaderElection {
  const resolved: ResolvedLeaderElection = {
    namespace: options.namespace ?? DEFAULT_LEASE_NAMESPACE,
    name: options.name ?? DEFAULT_LEASE_NAME,
    identity: options.identity ?? `${hostname()}_${randomBytes(4).toString('hex')}`,
    leaseDurationMs: options.leaseDurationMs ?? 15_000,
    renewDeadlineMs: options.renewDeadlineMs ?? 10_000,
    retryPeriodMs: options.retryPeriodMs ?? 2_000,
  };
  const { leaseDurationMs, renewDeadlineMs, retryPeriodMs } = resolved;
  for (const [field, value] of Object.entries({ leaseDurationMs, renewDeadlineMs, retryPeriodMs })) {
    if (!Number.isFinite(value) || value <= 0) throw new OptionsError(`leaderElection.${field} must be a positive number of milliseconds`);
  }
  if (leaseDurationMs <= renewDeadlineMs) throw new OptionsError('leaderElection.leaseDurationMs must be greater than renewDeadlineMs');
  if (renewDeadlineMs <= 1.2 * retryPeriodMs) throw new OptionsError('leaderElection.renewDeadlineMs must be greater than 1.2 × retryPeriodMs');
  if (resolved.identity.length === 0) throw new OptionsError('leaderElection.identity must not be empty');
  return resolved;
}

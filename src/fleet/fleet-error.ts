import { SyncError, type SyncErrorOptions } from '../core/sync-error.js';

/**
 * Codes of {@link FleetError}.
 *
 * | code | meaning | retryable |
 * |---|---|---|
 * | `FLEET_PREREQUISITE` | a binary or tool is missing (kube-apiserver, etcd, openssl, bash) or cannot be built here | no |
 * | `FLEET_INSTALL_FAILED` | `scripts/install-k8s.sh` failed; the message names the step | no |
 * | `FLEET_START_FAILED` | a process exited early or did not become ready; the message names its log file | yes |
 * | `FLEET_STOP_FAILED` | a process did not exit after SIGKILL | yes |
 * | `FLEET_STATE_INVALID` | `fleet.json` is missing, unreadable or malformed | no |
 * | `FLEET_DIR_IN_USE` | the fleet folder belongs to a fleet that is still running | no |
 * | `FLEET_NOT_RUNNING` | a fleet state file names processes that are gone | no |
 */
export type FleetErrorCode =
  | 'FLEET_PREREQUISITE'
  | 'FLEET_INSTALL_FAILED'
  | 'FLEET_START_FAILED'
  | 'FLEET_STOP_FAILED'
  | 'FLEET_STATE_INVALID'
  | 'FLEET_DIR_IN_USE'
  | 'FLEET_NOT_RUNNING';

/**
 * A local fleet could not be installed, started, controlled or stopped.
 *
 * A {@link SyncError} with one of the {@link FleetErrorCode} codes. Messages name the
 * failed step and, for processes, their log file; they never carry tokens or keys.
 *
 * @example
 * ```ts
 * import { startFleet, FleetError } from 'syncprims/fleet';
 * try {
 *   const fleet = await startFleet({ clusters: ['mgmt'] });
 *   await fleet.stop();
 * } catch (err) {
 *   if (err instanceof FleetError && err.code === 'FLEET_PREREQUISITE') console.error(err.message);
 *   else throw err;
 * }
 * ```
 */
export class FleetError extends SyncError {
  declare readonly code: FleetErrorCode;
  constructor(code: FleetErrorCode, message: string, options: SyncErrorOptions = {}) {
    super(code, message, options);
  }
}

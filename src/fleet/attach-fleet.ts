import { join, resolve } from 'node:path';
import { throwIfAborted } from '../core/abort.js';
import type { Fleet } from './fleet.js';
import { FleetError } from './fleet-error.js';
import { readFleetState } from './fleet-state.js';
import { createFleetHandle } from './fleet-handle.js';
import { isProcessAlive } from './process-control.js';
import { labelOf, recordOf, type ProcessKey } from './process-key.js';

/** Options of {@link attachFleet}. */
export interface AttachFleetOptions {
  /** The fleet's state file. @default `<dir>/fleet.json` */
  stateFile?: string;
  /** The fleet folder, used when `stateFile` is not given. @default '.fleet' (in the current directory) */
  dir?: string;
  /**
   * Refuse a fleet whose etcd or API servers are not running (controller-managers may be
   * stopped). Turn it off to clean up after a crash.
   * @default true
   */
  requireRunning?: boolean;
  /** Aborts the call. @default undefined */
  signal?: AbortSignal;
}

/**
 * Opens a fleet started by another process (`npm run fleet:up`, a test runner's global setup)
 * from its state file. The returned {@link Fleet} controls the same processes: stopping or
 * restarting an API server or etcd works from any process, and `stop()` stops the whole fleet.
 *
 * Errors: `FleetError` `FLEET_STATE_INVALID` (no or malformed state file),
 * `FLEET_NOT_RUNNING` (a process of the fleet is gone, with `requireRunning`).
 *
 * @example
 * ```ts
 * import { attachFleet } from 'syncprims/fleet';
 * const fleet = await attachFleet({ dir: '.fleet' });
 * console.log(fleet.clusters['edge-1']?.kubeconfigPath());
 * ```
 */
export async function attachFleet(options: AttachFleetOptions = {}): Promise<Fleet> {
  throwIfAborted(options.signal);
  const stateFile = resolve(options.stateFile ?? join(options.dir ?? '.fleet', 'fleet.json'));
  const state = readFleetState(stateFile);
  if (options.requireRunning ?? true) {
    const keys: ProcessKey[] = [{ kind: 'etcd' }, ...state.clusterNames.map((cluster): ProcessKey => ({ kind: 'apiServer', cluster }))];
    const gone = keys.filter((key) => {
      const record = recordOf(state, key);
      return !record || record.pid === null || !isProcessAlive(record.pid, record.command);
    });
    if (gone.length > 0) {
      throw new FleetError('FLEET_NOT_RUNNING', `the fleet of ${stateFile} is not running: ${gone.map(labelOf).join(', ')} stopped`);
    }
  }
  return createFleetHandle(stateFile, state, false);
}

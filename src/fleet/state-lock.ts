import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { sleep } from '../core/abort.js';
import { FleetError } from './fleet-error.js';
import { readFleetState, writeFleetState, type FleetState } from './fleet-state.js';

/** A lock older than this is considered left behind by a crashed process. */
const STALE_LOCK_MS = 30_000;

/**
 * Read-modify-write of a fleet state file under an exclusive lock file (`<path>.lock`), so
 * several processes (the test runner and its workers) can record pids without losing updates.
 * `update` may be async (e.g. start a process and record its pid); it returns the new state.
 *
 * Errors: `FleetError` `FLEET_STATE_INVALID` from reading, and whatever `update` throws.
 */
export async function updateFleetState(
  path: string,
  update: (state: FleetState) => Promise<FleetState> | FleetState,
  signal?: AbortSignal,
): Promise<FleetState> {
  const lock = `${path}.lock`;
  await acquire(lock, signal);
  try {
    const next = await update(readFleetState(path));
    writeFleetState(path, next);
    return next;
  } finally {
    rmSync(lock, { force: true });
  }
}

async function acquire(lock: string, signal: AbortSignal | undefined): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new FleetError('FLEET_STATE_INVALID', `cannot create the lock file ${lock}`, { cause: err });
      }
    }
    if (isStale(lock)) rmSync(lock, { force: true });
    await sleep(Math.min(10 + attempt * 10, 100), signal);
  }
}

function isStale(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false;
  }
}

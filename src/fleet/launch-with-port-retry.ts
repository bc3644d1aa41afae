import { readFileSync, statSync } from 'node:fs';
import type { FleetProcessState, FleetState } from './fleet-state.js';
import { isBindFailure } from './allocate-port.js';
import { isProcessAlive } from './process-control.js';
import { recordOf, type ProcessKey } from './process-key.js';
import { spawnProcess } from './spawn-process.js';
import { readLogTail } from './wait-for-process.js';

/** How often a process that could not bind its port is retried on a new one. */
const BIND_ATTEMPTS = 5;

/**
 * Spawns a recorded process and waits for it; when it dies because its port was taken in the
 * meantime (another run got the same free port), moves it to new ports and tries again.
 */
export async function launchWithPortRetry(
  key: ProcessKey,
  current: () => FleetState,
  record: (key: ProcessKey, update: Partial<FleetProcessState>) => void,
  waitReady: (pid: number) => Promise<void>,
  movePorts: () => Promise<void>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const rec = recordOf(current(), key)!;
    const logOffset = fileSize(rec.log);
    const pid = spawnProcess(rec);
    record(key, { pid });
    try {
      await waitReady(pid);
      return;
    } catch (err) {
      const died = !isProcessAlive(pid, rec.command);
      if (!died || attempt >= BIND_ATTEMPTS || !isBindFailure(readLogSince(rec.log, logOffset))) throw err;
      record(key, { pid: null });
      await movePorts();
    }
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function readLogSince(path: string, offset: number): string {
  try {
    return readFileSync(path).subarray(offset).toString('utf8');
  } catch {
    return readLogTail(path, 50);
  }
}

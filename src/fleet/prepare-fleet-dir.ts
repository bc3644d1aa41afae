import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FleetError } from './fleet-error.js';
import { readFleetState } from './fleet-state.js';
import { isProcessAlive } from './process-control.js';
import { recordedProcesses } from './process-reaper.js';
import { removeInside } from './remove-inside.js';

/** The fleet folder to use, and whether the fleet created it. */
export interface FleetDir {
  dir: string;
  createdDir: boolean;
}

/**
 * Resolves the fleet folder: a fresh temporary folder when none is given; otherwise the given
 * folder, created when missing. The leftovers of an earlier fleet that is no longer running
 * (a crash) are removed first.
 *
 * Errors: `FleetError` `FLEET_DIR_IN_USE` when a running fleet owns the folder.
 */
export function prepareFleetDir(dir: string | undefined): FleetDir {
  if (dir === undefined) return { dir: mkdtempSync(join(tmpdir(), 'syncprims-fleet-')), createdDir: true };
  const abs = resolve(dir);
  const createdDir = !existsSync(abs);
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  const stateFile = join(abs, 'fleet.json');
  if (existsSync(stateFile)) {
    let running: number[] = [];
    try {
      const old = readFleetState(stateFile);
      running = recordedProcesses(old)
        .filter((p) => isProcessAlive(p.pid, p.command))
        .map((p) => p.pid);
      if (running.length === 0) {
        for (const name of old.clusterNames) removeInside(abs, old.clusters[name]!.dir);
        removeInside(abs, old.etcd.process.log);
        removeInside(abs, old.kubeconfig);
      }
    } catch {
      // an unreadable state file cannot name running processes: replace it
    }
    if (running.length > 0) {
      throw new FleetError(
        'FLEET_DIR_IN_USE',
        `a fleet is running in ${abs} (pids ${running.join(', ')}); stop it first (npm run fleet:down) or use another dir`,
      );
    }
    rmSync(join(abs, 'etcd'), { recursive: true, force: true });
    rmSync(stateFile, { force: true });
    rmSync(`${stateFile}.lock`, { force: true });
  }
  return { dir: abs, createdDir };
}

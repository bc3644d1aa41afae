import type { FleetState } from './fleet-state.js';
import { writeFleetState } from './fleet-state.js';
import { isProcessAlive } from './process-control.js';
import { recordOf, withRecord, type ProcessKey } from './process-key.js';
import { recordedProcesses } from './process-reaper.js';
import { stopProcess } from './stop-process.js';

/**
 * Stops (SIGKILL) every process of a fleet whose start failed, and records them as stopped.
 * The files stay: the error names their logs.
 */
export async function stopStarted(stateFile: string, state: FleetState): Promise<void> {
  const procs = recordedProcesses(state).reverse();
  await Promise.allSettled(procs.map((p) => stopProcess(p.pid, p.command, { force: true })));
  const stopped = procs.filter((p) => !isProcessAlive(p.pid, p.command));
  let next = state;
  for (const key of allKeys(state)) {
    const rec = recordOf(next, key);
    if (rec?.pid != null && stopped.some((p) => p.pid === rec.pid)) next = withRecord(next, key, { ...rec, pid: null });
  }
  writeFleetState(stateFile, next);
}

function allKeys(state: FleetState): ProcessKey[] {
  return [
    { kind: 'etcd' },
    ...state.clusterNames.flatMap((cluster): ProcessKey[] => [
      { kind: 'apiServer', cluster },
      { kind: 'controllerManager', cluster },
    ]),
  ];
}

import { readFileSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { removeInside } from './remove-inside.js';
import type { Fleet, FleetCluster, FleetStartOptions, FleetStopOptions, FleetTeardownOptions } from './fleet.js';
import type { FleetUser } from './fleet-user.js';
import { FleetError } from './fleet-error.js';
import { readFleetState, writeFleetState, type FleetClusterState, type FleetState } from './fleet-state.js';
import { updateFleetState } from './state-lock.js';
import { labelOf, recordOf, withRecord, type ProcessKey } from './process-key.js';
import { isProcessAlive } from './process-control.js';
import { spawnProcess } from './spawn-process.js';
import { stopProcess } from './stop-process.js';
import { waitForProcess } from './wait-for-process.js';
import { isApiServerReady, isEtcdHealthy } from './component-checks.js';
import { recordedProcesses, releaseFleet } from './process-reaper.js';

/** The default of {@link FleetStartOptions.timeoutMs}. */
export const DEFAULT_READY_TIMEOUT_MS = 60_000;

/**
 * Builds the {@link Fleet} object for a state file. Static facts (URLs, tokens, paths) come
 * from `state`; every control call re-reads the state file under its lock, so handles in
 * several processes stay consistent. `owned` handles also end this process's cleanup duty on stop.
 */
export function createFleetHandle(stateFile: string, state: FleetState, owned: boolean): Fleet {
  const clusters: Record<string, FleetCluster> = {};
  for (const name of state.clusterNames) clusters[name] = clusterHandle(stateFile, state.clusters[name]!);
  const etcdKey: ProcessKey = { kind: 'etcd' };
  const startEtcd = async (options: FleetStartOptions = {}): Promise<void> => {
    await startRecorded(stateFile, etcdKey, () => isEtcdHealthy(state.etcd.url, options.signal), options);
    // The API servers reconnect on their own; wait for them so callers can go on at once.
    const current = readFleetState(stateFile);
    await Promise.all(
      current.clusterNames.map(async (name) => {
        const c = current.clusters[name]!;
        if (c.apiServer.pid === null || !isProcessAlive(c.apiServer.pid, c.apiServer.command)) return;
        await waitForProcess(
          { label: labelOf({ kind: 'apiServer', cluster: name }), pid: c.apiServer.pid, command: c.apiServer.command, log: c.apiServer.log },
          'ready again after the etcd start',
          () => isApiServerReady(c.server, readFileSync(c.caFile, 'utf8'), c.tokens.admin ?? '', options.signal),
          { timeoutMs: options.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) },
        );
      }),
    );
  };
  const stopEtcd = (options: FleetStopOptions = {}): Promise<void> => stopRecorded(stateFile, etcdKey, options);
  return {
    dir: state.dir,
    stateFile,
    kubeconfigPath: state.kubeconfig,
    clusters,
    etcd: {
      url: state.etcd.url,
      stop: stopEtcd,
      start: startEtcd,
      async restart(options = {}) {
        await stopEtcd(options);
        await startEtcd(options);
      },
    },
    stop: (options = {}) => stopFleet(stateFile, owned, options),
  };
}

function clusterHandle(stateFile: string, c: FleetClusterState): FleetCluster {
  const apiKey: ProcessKey = { kind: 'apiServer', cluster: c.name };
  const cmKey: ProcessKey = { kind: 'controllerManager', cluster: c.name };
  const kubeconfigPath = (user: FleetUser = 'admin'): string => {
    const path = c.kubeconfigs[user];
    if (!path) throw new FleetError('FLEET_STATE_INVALID', `cluster ${c.name} has no kubeconfig for user ${user}`);
    return path;
  };
  return {
    name: c.name,
    server: c.server,
    caFile: c.caFile,
    kubeconfigPath,
    kubeconfigYaml: (user = 'admin') => readFileSync(kubeconfigPath(user), 'utf8'),
    token(user) {
      const token = c.tokens[user];
      if (token === undefined) throw new FleetError('FLEET_STATE_INVALID', `cluster ${c.name} has no token for user ${user}`);
      return token;
    },
    stopApiServer: (options = {}) => stopRecorded(stateFile, apiKey, options),
    startApiServer: (options = {}) =>
      startRecorded(stateFile, apiKey, () => isApiServerReady(c.server, readFileSync(c.caFile, 'utf8'), c.tokens.admin ?? '', options.signal), options),
    stopControllerManager: (options = {}) => stopRecorded(stateFile, cmKey, options),
    startControllerManager: (options = {}) => startRecorded(stateFile, cmKey, async () => true, options),
  };
}

/** Starts a recorded process again with its recorded command line, unless it runs; waits until `ready`. */
async function startRecorded(stateFile: string, key: ProcessKey, ready: () => Promise<boolean>, options: FleetStartOptions): Promise<void> {
  let started: { pid: number; command: string; log: string } | undefined;
  await updateFleetState(
    stateFile,
    (state) => {
      const record = recordOf(state, key);
      if (!record || (record.pid !== null && isProcessAlive(record.pid, record.command))) return state;
      const pid = spawnProcess(record);
      started = { pid, command: record.command, log: record.log };
      return withRecord(state, key, { ...record, pid });
    },
    options.signal,
  );
  if (!started) return;
  const proc = started;
  try {
    await waitForProcess({ label: labelOf(key), ...proc }, 'ready', ready, {
      timeoutMs: options.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    await stopProcess(proc.pid, proc.command, { force: true });
    await clearPid(stateFile, key, proc.pid);
    throw err;
  }
}

/** Stops a recorded process (no-op when it does not run) and records it as stopped. */
async function stopRecorded(stateFile: string, key: ProcessKey, options: FleetStopOptions): Promise<void> {
  const record = recordOf(readFleetState(stateFile), key);
  if (!record || record.pid === null) return;
  await stopProcess(record.pid, record.command, options);
  await clearPid(stateFile, key, record.pid, options.signal);
}

function clearPid(stateFile: string, key: ProcessKey, pid: number, signal?: AbortSignal): Promise<FleetState> {
  return updateFleetState(
    stateFile,
    (state) => {
      const record = recordOf(state, key);
      return record && record.pid === pid ? withRecord(state, key, { ...record, pid: null }) : state;
    },
    signal,
  );
}

/** Stops controller-managers, then API servers, then etcd; then deletes the files unless kept. */
async function stopFleet(stateFile: string, owned: boolean, options: FleetTeardownOptions): Promise<void> {
  const state = readFleetState(stateFile);
  const stopOpts = options.signal ? { signal: options.signal } : {};
  const tiers: ProcessKey[][] = [
    state.clusterNames.map((cluster): ProcessKey => ({ kind: 'controllerManager', cluster })),
    state.clusterNames.map((cluster): ProcessKey => ({ kind: 'apiServer', cluster })),
    [{ kind: 'etcd' }],
  ];
  const failures: unknown[] = [];
  for (const tier of tiers) {
    const results = await Promise.allSettled(
      tier.map(async (key) => {
        const record = recordOf(readFleetState(stateFile), key);
        if (record?.pid != null) await stopProcess(record.pid, record.command, stopOpts);
      }),
    );
    for (const r of results) if (r.status === 'rejected') failures.push(r.reason);
  }
  const after = readFleetState(stateFile);
  const survivors = recordedProcesses(after).filter((p) => isProcessAlive(p.pid, p.command));
  if (survivors.length === 0) {
    const cleared = { ...after, etcd: { ...after.etcd, process: { ...after.etcd.process, pid: null } }, clusters: { ...after.clusters } };
    for (const name of after.clusterNames) {
      const c = after.clusters[name]!;
      cleared.clusters[name] = {
        ...c,
        apiServer: { ...c.apiServer, pid: null },
        controllerManager: c.controllerManager ? { ...c.controllerManager, pid: null } : null,
      };
    }
    writeFleetState(stateFile, cleared);
  }
  if (owned) releaseFleet(stateFile);
  if (failures.length > 0) {
    throw new FleetError('FLEET_STOP_FAILED', `could not stop every fleet process: ${failures.map(String).join('; ')}`, {
      cause: failures[0],
      retryable: true,
    });
  }
  if (!options.keepFiles) removeFleetFiles(stateFile, after);
}

function removeFleetFiles(stateFile: string, state: FleetState): void {
  const root = dirname(stateFile);
  for (const name of state.clusterNames) removeInside(root, state.clusters[name]!.dir);
  removeInside(root, join(root, 'etcd'));
  removeInside(root, state.etcd.process.log);
  removeInside(root, state.kubeconfig);
  rmSync(`${stateFile}.lock`, { force: true });
  rmSync(stateFile, { force: true });
  if (state.createdDir) {
    try {
      rmdirSync(root);
    } catch {
      // not empty: files the fleet did not create stay
    }
  }
}

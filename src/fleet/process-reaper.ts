import { spawn, type ChildProcess } from 'node:child_process';
import { readFleetState, type FleetProcessState, type FleetState } from './fleet-state.js';
import { isProcessAlive, signalProcessGroup } from './process-control.js';

/**
 * Cleanup of the fleets this process owns, for every way the process can end:
 *
 * - `exit` (normal end, uncaught exception) and SIGINT/SIGTERM/SIGHUP: SIGTERM to every fleet
 *   process recorded in the state file; the signal is then re-raised when nobody else handles it.
 * - SIGKILL or a crash of this process: a small guardian process per fleet, holding a pipe
 *   from this one, sees the pipe close and stops the fleet (SIGTERM, SIGKILL after 3 s), then
 *   deletes the fleet folder when the fleet created it (a temporary folder).
 *
 * Both read the state file when they act, so processes restarted by other processes (test
 * workers) are stopped too.
 */
const owned = new Map<string, ChildProcess | undefined>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Registers a fleet for cleanup when this process ends. */
export function adoptFleet(stateFile: string): void {
  if (owned.has(stateFile)) return;
  if (owned.size === 0) installHandlers();
  owned.set(stateFile, spawnGuardian(stateFile));
}

/** Forgets a fleet that was stopped normally, ending its guardian. */
export function releaseFleet(stateFile: string): void {
  if (!owned.has(stateFile)) return;
  const guardian = owned.get(stateFile);
  owned.delete(stateFile);
  guardian?.stdin?.end();
  if (owned.size === 0) removeHandlers();
}

/** Every process recorded in a fleet state, with its pid. */
export function recordedProcesses(state: FleetState): (FleetProcessState & { pid: number })[] {
  const all: FleetProcessState[] = [state.etcd.process];
  for (const name of state.clusterNames) {
    const cluster = state.clusters[name];
    if (!cluster) continue;
    all.push(cluster.apiServer);
    if (cluster.controllerManager) all.push(cluster.controllerManager);
  }
  return all.filter((p): p is FleetProcessState & { pid: number } => p.pid !== null);
}

function terminateOwnedSync(): void {
  for (const stateFile of owned.keys()) {
    let state: FleetState;
    try {
      state = readFleetState(stateFile);
    } catch {
      continue;
    }
    for (const p of recordedProcesses(state)) if (isProcessAlive(p.pid, p.command)) signalProcessGroup(p.pid, 'SIGTERM');
  }
}

const onExit = (): void => terminateOwnedSync();
const onSignal = (signal: NodeJS.Signals): void => {
  terminateOwnedSync();
  removeHandlers();
  // Nobody else handles it: restore the default behaviour (terminate) by re-raising.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
};

function installHandlers(): void {
  process.on('exit', onExit);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function removeHandlers(): void {
  process.off('exit', onExit);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/**
 * The guardian: `node -e` with a short script; it ignores terminal signals (it is in its own
 * process group anyway) and acts when its stdin reaches end-of-file.
 */
function spawnGuardian(stateFile: string): ChildProcess | undefined {
  try {
    const child = spawn(process.execPath, ['-e', GUARDIAN_SCRIPT, stateFile], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: {},
    });
    child.on('error', () => undefined);
    child.stdin?.on('error', () => undefined);
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return child;
  } catch {
    return undefined;
  }
}

const GUARDIAN_SCRIPT = `
const fs = require('fs');
const path = require('path');
const file = process.argv[1];
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
const hasProc = fs.existsSync('/proc/self/stat');
let createdDir = false;
function recorded() {
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8'));
    createdDir = s.createdDir === true;
    const list = [s.etcd && s.etcd.process];
    for (const c of Object.values(s.clusters || {})) list.push(c.apiServer, c.controllerManager);
    return list.filter((p) => p && typeof p.pid === 'number' && typeof p.command === 'string');
  } catch { return []; }
}
function alive(p) {
  if (!hasProc) { try { process.kill(p.pid, 0); return true; } catch { return false; } }
  try {
    const st = fs.readFileSync('/proc/' + p.pid + '/stat', 'utf8');
    const state = st[st.lastIndexOf(')') + 2];
    if (state === 'Z' || state === 'X') return false;
    return fs.readFileSync('/proc/' + p.pid + '/cmdline', 'utf8').split('\\0')[0] === p.command;
  } catch { return false; }
}
function kill(p, sig) { try { process.kill(-p.pid, sig); } catch { try { process.kill(p.pid, sig); } catch {} } }
function cleanup() {
  let left = recorded().filter(alive);
  left.forEach((p) => kill(p, 'SIGTERM'));
  const t0 = Date.now();
  const timer = setInterval(() => {
    left = left.filter(alive);
    if (left.length === 0 || Date.now() - t0 > 3000) {
      left.forEach((p) => kill(p, 'SIGKILL'));
      clearInterval(timer);
      // A temporary fleet folder goes too (the owner died without stop()); a given one keeps its logs.
      if (createdDir) setTimeout(() => { try { fs.rmSync(path.dirname(file), { recursive: true, force: true }); } catch {} process.exit(0); }, 200);
      else process.exit(0);
    }
  }, 100);
}
process.stdin.on('data', () => {});
process.stdin.on('end', cleanup);
process.stdin.on('error', cleanup);
`;

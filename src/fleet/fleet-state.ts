import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { FLEET_BINARIES } from './fleet-binaries.js';
import { describeDecodeError } from '../cluster/describe-decode-error.js';
import { FleetError } from './fleet-error.js';

/** How one process of the fleet was started, and its pid while it runs. */
export interface FleetProcessState {
  /** Absolute path of the executable. */
  command: string;
  args: string[];
  /** Log file (stdout and stderr, appended). */
  log: string;
  /** The running process (also its process group), or null when stopped. */
  pid: number | null;
}

/** One cluster in {@link FleetState}. */
export interface FleetClusterState {
  name: string;
  server: string;
  port: number;
  /** The cluster's folder: certificates, keys, token file, kubeconfigs, logs. */
  dir: string;
  caFile: string;
  /** Bearer token per user. */
  tokens: Record<string, string>;
  /** Kubeconfig path per user. */
  kubeconfigs: Record<string, string>;
  apiServer: FleetProcessState;
  controllerManager: FleetProcessState | null;
}

/** The content of `<dir>/fleet.json`: pids, ports, kubeconfig paths, tokens, and how to relaunch each process. */
export interface FleetState {
  version: 1;
  dir: string;
  binDir: string;
  /** True when the fleet outlives the process that started it (`npm run fleet:up`). */
  detached: boolean;
  /** The process that started the fleet. */
  ownerPid: number;
  /** True when the fleet created `dir` (so `stop()` may remove it). */
  createdDir: boolean;
  /** A kubeconfig with an admin context per cluster (context name = cluster name). */
  kubeconfig: string;
  clusterNames: string[];
  etcd: { url: string; clientPort: number; peerPort: number; process: FleetProcessState };
  clusters: Record<string, FleetClusterState>;
}

const processRecord = t.type({ command: t.string, args: t.array(t.string), log: t.string, pid: t.union([t.number, t.null]) });

const clusterRecord = t.type({
  name: t.string,
  server: t.string,
  port: t.number,
  dir: t.string,
  caFile: t.string,
  tokens: t.record(t.string, t.string),
  kubeconfigs: t.record(t.string, t.string),
  apiServer: processRecord,
  controllerManager: t.union([processRecord, t.null]),
});

/** The io-ts codec of `<dir>/fleet.json`. The file is untrusted input: it is decoded on every read. */
const fleetStateCodec: t.Decoder<unknown, FleetState> = t.type({
  version: t.literal(1),
  dir: t.string,
  binDir: t.string,
  detached: t.boolean,
  ownerPid: t.number,
  createdDir: t.boolean,
  kubeconfig: t.string,
  clusterNames: t.array(t.string),
  etcd: t.type({ url: t.string, clientPort: t.number, peerPort: t.number, process: processRecord }),
  clusters: t.record(t.string, clusterRecord),
});

/**
 * Reads and validates a fleet state file.
 *
 * Errors: `FleetError` `FLEET_STATE_INVALID` when it is missing, not JSON, or malformed.
 */
export function readFleetState(path: string): FleetState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const what = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not readable JSON';
    throw new FleetError('FLEET_STATE_INVALID', `fleet state file ${path} ${what}`, { cause: err });
  }
  return decodeFleetState(raw, path);
}

/** Validates an already parsed fleet state (e.g. one passed between processes). */
export function decodeFleetState(raw: unknown, origin: string): FleetState {
  const decoded = fleetStateCodec.decode(raw);
  if (isLeft(decoded)) {
    throw new FleetError('FLEET_STATE_INVALID', `fleet state ${origin} is malformed: ${describeDecodeError(decoded.left)}`);
  }
  const state = decoded.right;
  const commands: [string, FleetProcessState | null][] = [['etcd.process', state.etcd.process]];
  for (const name of state.clusterNames) {
    const cluster = state.clusters[name];
    if (!cluster) throw new FleetError('FLEET_STATE_INVALID', `fleet state ${origin} is malformed: clusters.${name}: missing`);
    commands.push([`clusters.${name}.apiServer`, cluster.apiServer], [`clusters.${name}.controllerManager`, cluster.controllerManager]);
  }
  // Only fleet binaries may be signalled through a state file.
  for (const [path, record] of commands) {
    if (record && !(FLEET_BINARIES as readonly string[]).includes(basename(record.command))) {
      throw new FleetError('FLEET_STATE_INVALID', `fleet state ${origin} is malformed: ${path}.command: not a fleet binary`);
    }
  }
  return decoded.right;
}

/** Writes the state file atomically (temporary file, then rename), readable by its owner only. */
export function writeFleetState(path: string, state: FleetState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

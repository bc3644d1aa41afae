import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OptionsError } from '../core/sync-error.js';
import { throwIfAborted } from '../core/abort.js';
import type { Fleet } from './fleet.js';
import { FleetError } from './fleet-error.js';
import { ensureBinaries } from './ensure-binaries.js';
import { findMissingBinaries, type FleetBinary } from './fleet-binaries.js';
import { writeFleetState, type FleetProcessState, type FleetState } from './fleet-state.js';
import { prepareFleetDir } from './prepare-fleet-dir.js';
import { prepareCluster, type ClusterMaterial } from './prepare-cluster.js';
import { contextName, kubeconfigEntry, writeClusterKubeconfigs } from './write-kubeconfigs.js';
import { renderKubeconfig } from './render-kubeconfig.js';
import { FLEET_USERS } from './fleet-user.js';
import { allocatePort, isBindFailure } from './allocate-port.js';
import { apiServerArgs, controllerManagerArgs, etcdArgs } from './component-args.js';
import { binaryMinorVersion } from './binary-minor-version.js';
import { spawnProcess } from './spawn-process.js';
import { stopProcess } from './stop-process.js';
import { readLogTail, waitForProcess } from './wait-for-process.js';
import { existsOnServer, isApiServerReady, isEtcdHealthy } from './component-checks.js';
import { adoptFleet, recordedProcesses, releaseFleet } from './process-reaper.js';
import { createFleetHandle, DEFAULT_READY_TIMEOUT_MS } from './fleet-handle.js';
import { isProcessAlive } from './process-control.js';
import { labelOf, recordOf, withRecord, type ProcessKey } from './process-key.js';

/** The clusters a fleet starts by default. */
export const DEFAULT_FLEET_CLUSTERS = ['mgmt', 'edge-1', 'edge-2'] as const;

/** How often a process that could not bind its port is retried on a new one. */
const BIND_ATTEMPTS = 5;

/** Options of {@link startFleet}. */
export interface StartFleetOptions {
  /** Cluster names (DNS-1123 labels, unique): one API server each. @default ['mgmt', 'edge-1', 'edge-2'] */
  clusters?: readonly string[];
  /**
   * The fleet folder (state file, kubeconfigs, certificates, etcd data, logs). Created when
   * missing; refused while another running fleet owns it.
   * @default a new temporary folder (`$TMPDIR/syncprims-fleet-XXXXXX`), removed by `stop()`
   */
  dir?: string;
  /** The folder with etcd, kube-apiserver and kube-controller-manager. @default the result of `ensureBinaries()` */
  binDir?: string;
  /** Run a kube-controller-manager per cluster (namespace deletion, garbage collection, Deployments...). @default true */
  controllerManager?: boolean;
  /**
   * Leave the fleet running after this process exits: no exit/signal handlers and no guardian.
   * Stop it with `attachFleet(...).stop()` or `npm run fleet:down`.
   * @default false (every process is stopped when this process ends, even on SIGKILL)
   */
  detached?: boolean;
  /** How long each process may take to become ready, in milliseconds. @default 60_000 */
  readyTimeoutMs?: number;
  /** Aborts the start: whatever was started is stopped and the call rejects with the signal's reason. @default undefined */
  signal?: AbortSignal;
  /** Receives one line per step (binaries, etcd, each API server and controller-manager). @default undefined */
  onProgress?: (line: string) => void;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Starts a local fleet of real Kubernetes API servers on loopback: one etcd (each cluster
 * under its own `--etcd-prefix`) and, per cluster, a kube-apiserver with its own CA, serving
 * certificate (`IP:127.0.0.1` SAN), service-account keys, static tokens for the users `admin`
 * (`system:masters`), `restricted`, `alice` and `bob` (no bindings), RBAC, and a
 * kube-controller-manager. Resolves once every API server answers `/readyz`, serves the
 * `default` namespace and (with controller-managers) the `default` service account.
 *
 * Caveats: there is no kubelet and no scheduler, so pods never run: tests play the kubelet
 * (create a Node, bind pods with `pods/binding`, patch pod status). Linux only.
 *
 * Errors: `OptionsError` for bad cluster names; `FleetError` (`FLEET_PREREQUISITE`,
 * `FLEET_INSTALL_FAILED`, `FLEET_DIR_IN_USE`, `FLEET_START_FAILED` naming the log file).
 *
 * @example
 * ```ts
 * import { startFleet } from 'syncprims/fleet';
 *
 * const fleet = await startFleet({ clusters: ['mgmt', 'edge-1'] });
 * try {
 *   const mgmt = fleet.clusters.mgmt!;
 *   console.log(mgmt.server, mgmt.kubeconfigPath('admin'), mgmt.kubeconfigPath('restricted'));
 *   await mgmt.stopApiServer();
 *   await mgmt.startApiServer();
 * } finally {
 *   await fleet.stop();
 * }
 * ```
 */
export async function startFleet(options: StartFleetOptions = {}): Promise<Fleet> {
  const names = validateClusterNames(options.clusters ?? DEFAULT_FLEET_CLUSTERS);
  const signal = options.signal;
  const progress = options.onProgress ?? ((): void => undefined);
  const controllerManager = options.controllerManager ?? true;
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const t0 = Date.now();
  const needed: FleetBinary[] = controllerManager ? ['etcd', 'kube-apiserver', 'kube-controller-manager'] : ['etcd', 'kube-apiserver'];
  const binDir = options.binDir ?? (await ensureBinaries({ onProgress: progress, binaries: needed, ...(signal ? { signal } : {}) }));
  const missing = findMissingBinaries(binDir).filter((b) => needed.includes(b));
  if (missing.length > 0) {
    throw new FleetError('FLEET_PREREQUISITE', `${binDir} lacks the executable(s) ${missing.join(', ')}`);
  }
  throwIfAborted(signal);

  const { dir, createdDir } = prepareFleetDir(options.dir);
  const stateFile = join(dir, 'fleet.json');
  const materials = await Promise.all(names.map((name) => prepareCluster(dir, name, signal)));
  const cmMinor = controllerManager ? await binaryMinorVersion(join(binDir, 'kube-controller-manager'), 20, signal) : 20;

  // The whole state is written before the first process starts, so cleanup always knows every pid.
  const etcdPorts = { client: await allocatePort(), peer: await allocatePort() };
  const ports = new Map<string, number>();
  for (const name of names) ports.set(name, await allocatePort());
  let state = initialState({ dir, createdDir, binDir, names, materials, etcdPorts, ports, controllerManager, cmMinor, detached: options.detached ?? false });
  writeFleetState(stateFile, state);
  if (!options.detached) adoptFleet(stateFile);
  const record = (key: ProcessKey, update: Partial<FleetProcessState>): void => {
    state = withRecord(state, key, { ...recordOf(state, key)!, ...update });
    writeFleetState(stateFile, state);
  };

  try {
    // etcd
    await launchWithPortRetry(
      { kind: 'etcd' },
      () => state,
      record,
      async (pid) => {
        const current = state.etcd;
        await waitForProcess({ label: 'etcd', pid, command: current.process.command, log: current.process.log }, 'healthy',
          () => isEtcdHealthy(current.url, signal), { timeoutMs: readyTimeoutMs, ...(signal ? { signal } : {}) });
      },
      async () => {
        const client = await allocatePort();
        const peer = await allocatePort();
        const url = `http://127.0.0.1:${client}`;
        state = { ...state, etcd: { ...state.etcd, url, clientPort: client, peerPort: peer } };
        record({ kind: 'etcd' }, { args: etcdArgs({ dataDir: join(dir, 'etcd'), clientPort: client, peerPort: peer }) });
        for (const m of materials) {
          const c = state.clusters[m.name]!;
          const args = c.apiServer.args.map((a) => (a.startsWith('--etcd-servers=') ? `--etcd-servers=${url}` : a));
          record({ kind: 'apiServer', cluster: m.name }, { args });
        }
      },
    );
    progress(`etcd healthy at ${state.etcd.url} (${elapsed(t0)})`);

    // API servers, in parallel
    await Promise.all(
      materials.map(async (m) => {
        const key: ProcessKey = { kind: 'apiServer', cluster: m.name };
        const ca = readFileSync(m.certs.caCert, 'utf8');
        await launchWithPortRetry(
          key,
          () => state,
          record,
          async (pid) => {
            const c = state.clusters[m.name]!;
            const proc = { label: labelOf(key), pid, command: c.apiServer.command, log: c.apiServer.log };
            const wait = { timeoutMs: readyTimeoutMs, ...(signal ? { signal } : {}) };
            await waitForProcess(proc, 'ready (/readyz)', () => isApiServerReady(c.server, ca, m.tokens.admin, signal), wait);
            await waitForProcess(proc, 'serving the default namespace', () => existsOnServer(c.server, ca, m.tokens.admin, '/api/v1/namespaces/default', signal), wait);
          },
          async () => {
            const port = await allocatePort();
            const c = state.clusters[m.name]!;
            state = { ...state, clusters: { ...state.clusters, [m.name]: { ...c, port, server: `https://127.0.0.1:${port}` } } };
            record(key, { args: c.apiServer.args.map((a) => (a.startsWith('--secure-port=') ? `--secure-port=${port}` : a)) });
          },
        );
        const c = state.clusters[m.name]!;
        writeClusterKubeconfigs(m, c.server);
        progress(`${m.name}: kube-apiserver ready at ${c.server} (${elapsed(t0)})`);
      }),
    );
    writeFileSync(state.kubeconfig, mergedKubeconfig(state, materials), { mode: 0o600 });
    writeFleetState(stateFile, state);

    // controller-managers: they start once their API server is up, and prove themselves by
    // creating the `default` service account.
    if (controllerManager) {
      await Promise.all(
        materials.map(async (m) => {
          const key: ProcessKey = { kind: 'controllerManager', cluster: m.name };
          const c = state.clusters[m.name]!;
          const cm = c.controllerManager!;
          const pid = spawnProcess(cm);
          record(key, { pid });
          const ca = readFileSync(m.certs.caCert, 'utf8');
          await waitForProcess({ label: labelOf(key), pid, command: cm.command, log: cm.log }, 'running (no default service account yet)',
            () => existsOnServer(c.server, ca, m.tokens.admin, '/api/v1/namespaces/default/serviceaccounts/default', signal),
            { timeoutMs: readyTimeoutMs, ...(signal ? { signal } : {}) });
          progress(`${m.name}: kube-controller-manager running (${elapsed(t0)})`);
        }),
      );
    }
  } catch (err) {
    await stopAll(stateFile, state);
    if (!options.detached) releaseFleet(stateFile);
    throw err;
  }
  progress(`fleet of ${names.length} cluster(s) ready in ${elapsed(t0)}: ${dir}`);
  return createFleetHandle(stateFile, state, !options.detached);
}

function validateClusterNames(names: readonly string[]): string[] {
  if (!Array.isArray(names) || names.length === 0) throw new OptionsError('startFleet: `clusters` must name at least one cluster');
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || !DNS_LABEL.test(name)) {
      throw new OptionsError(`startFleet: cluster name ${JSON.stringify(name)} is not a DNS-1123 label (lowercase letters, digits, '-')`);
    }
    if (name === 'etcd') throw new OptionsError("startFleet: 'etcd' is reserved (the etcd data folder)");
    if (seen.has(name)) throw new OptionsError(`startFleet: cluster ${name} is listed twice`);
    seen.add(name);
  }
  return [...names];
}

interface InitialStateInput {
  dir: string;
  createdDir: boolean;
  binDir: string;
  names: string[];
  materials: ClusterMaterial[];
  etcdPorts: { client: number; peer: number };
  ports: Map<string, number>;
  controllerManager: boolean;
  cmMinor: number;
  detached: boolean;
}

function initialState(input: InitialStateInput): FleetState {
  const { dir, binDir } = input;
  const etcdUrl = `http://127.0.0.1:${input.etcdPorts.client}`;
  const clusters: FleetState['clusters'] = {};
  for (const m of input.materials) {
    const port = input.ports.get(m.name)!;
    clusters[m.name] = {
      name: m.name,
      server: `https://127.0.0.1:${port}`,
      port,
      dir: m.dir,
      caFile: m.certs.caCert,
      tokens: { ...m.tokens },
      kubeconfigs: Object.fromEntries(FLEET_USERS.map((u) => [u, join(m.dir, `${u}.kubeconfig`)])),
      apiServer: {
        command: join(binDir, 'kube-apiserver'),
        args: apiServerArgs({
          cluster: m.name,
          etcdUrl,
          port,
          servingCert: m.certs.servingCert,
          servingKey: m.certs.servingKey,
          tokenFile: m.tokenFile,
          saPublicKey: m.saKeys.publicKey,
          saPrivateKey: m.saKeys.privateKey,
        }),
        log: join(m.dir, 'kube-apiserver.log'),
        pid: null,
      },
      controllerManager: input.controllerManager
        ? {
            command: join(binDir, 'kube-controller-manager'),
            args: controllerManagerArgs({
              kubeconfig: join(m.dir, 'controller-manager.kubeconfig'),
              saPrivateKey: m.saKeys.privateKey,
              caCert: m.certs.caCert,
              minorVersion: input.cmMinor,
            }),
            log: join(m.dir, 'kube-controller-manager.log'),
            pid: null,
          }
        : null,
    };
  }
  return {
    version: 1,
    dir,
    binDir,
    detached: input.detached,
    ownerPid: process.pid,
    createdDir: input.createdDir,
    kubeconfig: join(dir, 'kubeconfig.yaml'),
    clusterNames: input.names,
    etcd: {
      url: etcdUrl,
      clientPort: input.etcdPorts.client,
      peerPort: input.etcdPorts.peer,
      process: {
        command: join(binDir, 'etcd'),
        args: etcdArgs({ dataDir: join(dir, 'etcd'), clientPort: input.etcdPorts.client, peerPort: input.etcdPorts.peer }),
        log: join(dir, 'etcd.log'),
        pid: null,
      },
    },
    clusters,
  };
}

/**
 * Spawns a recorded process and waits for it; when it dies because its port was taken in the
 * meantime (another run got the same free port), moves it to new ports and tries again.
 */
async function launchWithPortRetry(
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

function mergedKubeconfig(state: FleetState, materials: ClusterMaterial[]): string {
  const entries = materials.flatMap((m) => FLEET_USERS.map((u) => kubeconfigEntry(m, state.clusters[m.name]!.server, u)));
  return renderKubeconfig(entries, contextName(state.clusterNames[0]!, 'admin'));
}

async function stopAll(stateFile: string, state: FleetState): Promise<void> {
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

function elapsed(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

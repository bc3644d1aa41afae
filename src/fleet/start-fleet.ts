import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { allocatePort } from './allocate-port.js';
import { etcdArgs } from './component-args.js';
import { binaryMinorVersion } from './binary-minor-version.js';
import { spawnProcess } from './spawn-process.js';
import { waitForProcess } from './wait-for-process.js';
import { existsOnServer, isApiServerReady, isEtcdHealthy } from './component-checks.js';
import { adoptFleet, releaseFleet } from './process-reaper.js';
import { createFleetHandle, DEFAULT_READY_TIMEOUT_MS } from './fleet-handle.js';
import { labelOf, recordOf, withRecord, type ProcessKey } from './process-key.js';
import { removeInside } from './remove-inside.js';
import { validateClusterNames } from './validate-cluster-names.js';
import { initialFleetState } from './initial-fleet-state.js';
import { launchWithPortRetry } from './launch-with-port-retry.js';
import { stopStarted } from './stop-started.js';

/** The clusters a fleet starts by default. */
export const DEFAULT_FLEET_CLUSTERS = ['mgmt', 'edge-1', 'edge-2'] as const;

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
  let materials: ClusterMaterial[];
  let cmMinor = 20;
  try {
    materials = await Promise.all(names.map((name) => prepareCluster(dir, name, signal)));
    if (controllerManager) cmMinor = await binaryMinorVersion(join(binDir, 'kube-controller-manager'), 20, signal);
  } catch (err) {
    // Nothing runs yet: leave no half-made folder behind.
    for (const name of names) removeInside(dir, join(dir, name));
    if (createdDir) rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  // The whole state is written before the first process starts, so cleanup always knows every pid.
  const etcdPorts = { client: await allocatePort(), peer: await allocatePort() };
  const ports = new Map<string, number>();
  for (const name of names) ports.set(name, await allocatePort());
  let state = initialFleetState({ dir, createdDir, binDir, names, materials, etcdPorts, ports, controllerManager, cmMinor, detached: options.detached ?? false });
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
    await stopStarted(stateFile, state);
    if (!options.detached) releaseFleet(stateFile);
    throw err;
  }
  progress(`fleet of ${names.length} cluster(s) ready in ${elapsed(t0)}: ${dir}`);
  return createFleetHandle(stateFile, state, !options.detached);
}

function mergedKubeconfig(state: FleetState, materials: ClusterMaterial[]): string {
  const entries = materials.flatMap((m) => FLEET_USERS.map((u) => kubeconfigEntry(m, state.clusters[m.name]!.server, u)));
  return renderKubeconfig(entries, contextName(state.clusterNames[0]!, 'admin'));
}

function elapsed(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

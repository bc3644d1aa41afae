/**
 * Typed access, from any test file, to the fleet the global setup started (or reused, with
 * `SYNCPRIMS_FLEET_STATE`). Works in vitest workers: control calls (stop/start an API server,
 * restart etcd) go through the fleet's state file, which records pids and command lines, so
 * a worker can stop a process the global setup started and start it again on the same port.
 *
 * @example
 * ```ts
 * import { fleetInfo, restoreFleet } from './fleet-context.js';
 * const edge = fleetInfo().cluster('edge-1');
 * await edge.stopApiServer();   // e.g. { force: true } to simulate a crash
 * await edge.startApiServer();  // same port, same data; resolves once /readyz is ok
 * afterAll(restoreFleet);       // in files that stop things: leave the fleet running for the next file
 * ```
 */
import { inject } from 'vitest';
import type { Fleet, FleetCluster, FleetEtcd, FleetState } from '../../src/fleet/index.js';
import { decodeFleetState } from '../../src/fleet/fleet-state.js';
import { createFleetHandle } from '../../src/fleet/fleet-handle.js';

/** What the global setup passes to the tests (vitest `provide`; must be serialisable). */
export interface ProvidedFleet {
  /** The shared fleet's state file, or null with `SYNCPRIMS_TEST_FLEET=off`. */
  stateFile: string | null;
  /** The state at start (static facts: URLs, tokens, paths). */
  state: FleetState | null;
  /** `SYNCPRIMS_TEST_KUBECONFIG`, when set. */
  externalKubeconfig: string | null;
  /** True when the fleet was started by `npm run fleet:up` and is reused. */
  reused: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    syncprimsFleet: ProvidedFleet;
  }
}

/** The shared fleet as tests see it: everything of {@link Fleet} but `stop()`. */
export interface FleetInfo {
  /** `fleet.json` of the shared fleet. */
  readonly stateFile: string;
  /** A kubeconfig with one admin context per cluster (context name = cluster name). */
  readonly kubeconfigPath: string;
  /** The cluster names, management cluster first: `['mgmt', 'edge-1', 'edge-2']`. */
  readonly clusterNames: readonly string[];
  /** The clusters by name: server URL, kubeconfig paths and tokens per user, stop/start helpers. */
  readonly clusters: Readonly<Record<string, FleetCluster>>;
  /** The cluster called `name`; throws when there is none. @default 'mgmt' */
  cluster(name?: string): FleetCluster;
  /** The shared etcd (stop, start, restart). */
  readonly etcd: FleetEtcd;
  /** True when the fleet was started with `npm run fleet:up` and reused (`SYNCPRIMS_FLEET_STATE`). */
  readonly reused: boolean;
}

let cached: FleetInfo | undefined;

/** True unless the global setup was told not to start a fleet (`SYNCPRIMS_TEST_FLEET=off`). */
export function hasFleet(): boolean {
  return inject('syncprimsFleet').stateFile !== null;
}

/**
 * The shared fleet. Throws when it is off (`SYNCPRIMS_TEST_FLEET=off`); multi-cluster tests
 * can `describe.skipIf(!hasFleet())`.
 */
export function fleetInfo(): FleetInfo {
  if (cached) return cached;
  const provided = inject('syncprimsFleet');
  if (provided.stateFile === null || provided.state === null) {
    throw new Error('no local fleet in this run (SYNCPRIMS_TEST_FLEET=off); this test needs one');
  }
  const state = decodeFleetState(provided.state, provided.stateFile);
  const fleet: Fleet = createFleetHandle(provided.stateFile, state, false);
  cached = {
    stateFile: fleet.stateFile,
    kubeconfigPath: fleet.kubeconfigPath,
    clusterNames: state.clusterNames,
    clusters: fleet.clusters,
    cluster(name = 'mgmt') {
      const cluster = fleet.clusters[name];
      if (!cluster) throw new Error(`the fleet has no cluster ${name} (it has ${state.clusterNames.join(', ')})`);
      return cluster;
    },
    etcd: fleet.etcd,
    reused: provided.reused,
  };
  return cached;
}

/** The cluster for tests that need only one: `SYNCPRIMS_TEST_KUBECONFIG` when set, else the fleet's `mgmt` admin. */
export interface SingleCluster {
  /** A kubeconfig whose current context is the cluster to use. */
  readonly kubeconfigPath: string;
  /** True for `SYNCPRIMS_TEST_KUBECONFIG` (kind, k3d, a real cluster): do not stop or restart it. */
  readonly external: boolean;
}

/** See {@link SingleCluster}. Like envtest's `USE_EXISTING_CLUSTER`. */
export function singleCluster(): SingleCluster {
  const provided = inject('syncprimsFleet');
  if (provided.externalKubeconfig) return { kubeconfigPath: provided.externalKubeconfig, external: true };
  return { kubeconfigPath: fleetInfo().cluster('mgmt').kubeconfigPath('admin'), external: false };
}

/**
 * Starts whatever a test stopped (etcd, API servers, controller-managers) so the next test
 * file finds the whole fleet running. Call it in `afterAll` of files that stop processes.
 */
export async function restoreFleet(): Promise<void> {
  if (!hasFleet()) return;
  const fleet = fleetInfo();
  await fleet.etcd.start();
  await Promise.all(fleet.clusterNames.map((name) => fleet.cluster(name).startApiServer()));
  await Promise.all(fleet.clusterNames.map((name) => fleet.cluster(name).startControllerManager()));
}

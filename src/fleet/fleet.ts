import type { FleetUser } from './fleet-user.js';

/** Options of the calls that stop a fleet process. */
export interface FleetStopOptions {
  /**
   * Kill with SIGKILL at once (a crash) instead of SIGTERM, then SIGKILL after 3 s (a 1.20
   * kube-apiserver with open watches does not finish a graceful shutdown on its own).
   * @default false
   */
  force?: boolean;
  /** Aborts the wait for the process to exit. @default undefined */
  signal?: AbortSignal;
}

/** Options of the calls that (re)start a fleet process. */
export interface FleetStartOptions {
  /** How long to wait for the process to become ready, in milliseconds. @default 60_000 */
  timeoutMs?: number;
  /** Aborts the wait (the process keeps running; stop it explicitly). @default undefined */
  signal?: AbortSignal;
}

/** Options of {@link Fleet.stop}. */
export interface FleetTeardownOptions {
  /** Keep the fleet folder's files (logs, etcd data, kubeconfigs) instead of deleting them. @default false */
  keepFiles?: boolean;
  /** Aborts the wait for the processes to exit. @default undefined */
  signal?: AbortSignal;
}

/**
 * The shared etcd of a fleet (one etcd; each cluster keeps its data under `/<cluster>`).
 * Stopping it makes every API server fail its requests until it is started again, on the
 * same port with the same data.
 */
export interface FleetEtcd {
  /** The client URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Stops etcd (no-op when stopped). */
  stop(options?: FleetStopOptions): Promise<void>;
  /** Starts etcd again on the same port with the same data, and waits until it is healthy (no-op when running). */
  start(options?: FleetStartOptions): Promise<void>;
  /** `stop()` then `start()`. */
  restart(options?: FleetStopOptions & FleetStartOptions): Promise<void>;
}

/** One cluster of a {@link Fleet}: a kube-apiserver (and usually a kube-controller-manager). */
export interface FleetCluster {
  /** The cluster name, e.g. `edge-1`. */
  readonly name: string;
  /** The API server URL, e.g. `https://127.0.0.1:40125`. */
  readonly server: string;
  /** The cluster CA certificate (PEM file). */
  readonly caFile: string;
  /** A kubeconfig for `user` (CA data and token embedded). @default user 'admin' */
  kubeconfigPath(user?: FleetUser): string;
  /** The content of {@link FleetCluster.kubeconfigPath}. @default user 'admin' */
  kubeconfigYaml(user?: FleetUser): string;
  /** The bearer token of `user` on this cluster. */
  token(user: FleetUser): string;
  /** Stops the API server (no-op when stopped). The controller-manager keeps running and retries. */
  stopApiServer(options?: FleetStopOptions): Promise<void>;
  /** Starts the API server again, same port and data, and waits for `/readyz` (no-op when running). */
  startApiServer(options?: FleetStartOptions): Promise<void>;
  /** Stops the controller-manager (no-op when stopped or when the fleet runs without one). */
  stopControllerManager(options?: FleetStopOptions): Promise<void>;
  /** Starts the controller-manager again; resolves once it runs (no-op when running or when the fleet runs without one). */
  startControllerManager(options?: FleetStartOptions): Promise<void>;
}

/**
 * A running local fleet: one etcd and, per cluster, a kube-apiserver and a
 * kube-controller-manager on loopback ports. Every control call works from any process that
 * opened the fleet (see `attachFleet`): pids and launch arguments live in `<dir>/fleet.json`.
 */
export interface Fleet {
  /** The fleet folder: `fleet.json`, `kubeconfig.yaml`, etcd data, per-cluster folders with certificates, kubeconfigs and logs. */
  readonly dir: string;
  /** `<dir>/fleet.json`. */
  readonly stateFile: string;
  /** A kubeconfig with one admin context per cluster (context name = cluster name). */
  readonly kubeconfigPath: string;
  /** The clusters by name, in start order. */
  readonly clusters: Readonly<Record<string, FleetCluster>>;
  /** The shared etcd. */
  readonly etcd: FleetEtcd;
  /** Stops every process of the fleet (controller-managers, API servers, etcd) and deletes its files. */
  stop(options?: FleetTeardownOptions): Promise<void>;
}

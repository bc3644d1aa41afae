import type { FleetProcessState, FleetState } from './fleet-state.js';

/** Names one process of a fleet. */
export type ProcessKey = { kind: 'etcd' } | { kind: 'apiServer' | 'controllerManager'; cluster: string };

/** The record of a process in a state, or null (a fleet without controller-managers, an unknown cluster). */
export function recordOf(state: FleetState, key: ProcessKey): FleetProcessState | null {
  if (key.kind === 'etcd') return state.etcd.process;
  const cluster = state.clusters[key.cluster];
  if (!cluster) return null;
  return key.kind === 'apiServer' ? cluster.apiServer : cluster.controllerManager;
}

/** A copy of `state` with the record of `key` replaced. */
export function withRecord(state: FleetState, key: ProcessKey, record: FleetProcessState): FleetState {
  if (key.kind === 'etcd') return { ...state, etcd: { ...state.etcd, process: record } };
  const cluster = state.clusters[key.cluster];
  if (!cluster) return state;
  return { ...state, clusters: { ...state.clusters, [key.cluster]: { ...cluster, [key.kind]: record } } };
}

/** For messages: `etcd`, `kube-apiserver of edge-1`, `kube-controller-manager of edge-1`. */
export function labelOf(key: ProcessKey): string {
  if (key.kind === 'etcd') return 'etcd';
  return `${key.kind === 'apiServer' ? 'kube-apiserver' : 'kube-controller-manager'} of ${key.cluster}`;
}

/**
 * `syncprims/fleet`: a local fleet of real Kubernetes API servers (etcd, kube-apiserver,
 * kube-controller-manager) for tests, demos and benchmarks.
 *
 * @packageDocumentation
 */
export { startFleet, DEFAULT_FLEET_CLUSTERS, type StartFleetOptions } from './start-fleet.js';
export { attachFleet, type AttachFleetOptions } from './attach-fleet.js';
export { ensureBinaries, type EnsureBinariesOptions } from './ensure-binaries.js';
export { FLEET_K8S_VERSION, FLEET_BINARIES, defaultCacheDir, type FleetBinary } from './fleet-binaries.js';
export type { Fleet, FleetCluster, FleetEtcd, FleetStartOptions, FleetStopOptions, FleetTeardownOptions } from './fleet.js';
export { FLEET_USERS, type FleetUser } from './fleet-user.js';
export { FleetError, type FleetErrorCode } from './fleet-error.js';
export { readFleetState, type FleetState, type FleetClusterState, type FleetProcessState } from './fleet-state.js';

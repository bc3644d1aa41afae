export { Controller, type ControllerStartOptions, type ControllerStopOptions } from './controller.js';
export type { ControllerOptions } from './controller-options.js';
export type { ControllerEvents, ResourceEvent } from './controller-events.js';
export { runController, resolveControllerCluster, type RunControllerOptions } from './run-controller.js';
export type { KindReconciler, SyncerInput, SyncerHandle, StatusRefinement } from './kind-reconciler.js';
export { syncReconciler } from './sync-reconciler.js';
export { remoteSyncReconciler } from './remote-sync-reconciler.js';
export { proxySyncReconciler } from './proxy-sync-reconciler.js';
export { CustomResourceSource, type CustomResourceSourceSpec } from './custom-resource-source.js';
export { FINALIZER } from './finalizer.js';
export { Informer, type InformerOptions, type InformerEvents, type InformerChange } from './informer.js';
export { WorkQueue, type WorkQueueOptions, type WorkHandler, type WorkResult } from './work-queue.js';
export { LeaderElector, type LeaderElectorEvents, type LeadershipCallbacks } from './leader-elector.js';
export {
  type LeaderElectionOptions,
  type ResolvedLeaderElection,
  DEFAULT_LEASE_NAME,
  DEFAULT_LEASE_NAMESPACE,
} from './leader-election-options.js';
export { decideLease, type LeaseSpec, type LeaseDecision, type LeaseDecisionInput, type LeaseObservation } from './decide-lease.js';
export { EventRecorder, type EventRecorderOptions, type EventType } from './event-recorder.js';
export { DependencyIndex } from './dependency-index.js';
export { checkDependencies, type DependencyCheck, type ObjectLookup } from './check-dependencies.js';
export { findCycle } from './find-cycle.js';
export { jitterDuration } from './jitter-duration.js';
export { computeBackoff } from './compute-backoff.js';

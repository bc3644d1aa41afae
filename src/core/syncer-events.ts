import type { Change, NotReady, SyncResult } from './sync-result.js';
import type { ObjectRef } from './object-ref.js';

/** The phase of a pass reported by `progress` events. */
export type SyncPhase = 'validate' | 'apply' | 'wait' | 'prune' | 'delete' | 'graph';

/** Payload of the `progress` event. */
export interface ProgressEvent {
  /** The syncer reporting (for a dag's graph-level progress: the dag's name). */
  readonly syncer: string;
  readonly phase: SyncPhase;
  /** Units of work done in this phase (objects, or nodes for `graph`). */
  readonly done: number;
  /** Units of work in this phase. */
  readonly total: number;
  /** While waiting: the objects still not ready, with the reason. */
  readonly waitingFor?: readonly NotReady[];
}

/** Payload of the `applied` and `pruned` events. */
export interface ChangeEvent {
  readonly syncer: string;
  readonly change: Change;
}

/** Payload of the `warning` event (e.g. `insecure-skip-tls-verify` in a kubeconfig). */
export interface WarningEvent {
  readonly syncer: string;
  readonly code: string;
  readonly message: string;
  readonly ref?: ObjectRef;
}

/**
 * The typed events every built-in syncer emits (an eventemitter3 `EventEmitter<SyncerEvents>`).
 * A dag re-emits its nodes' events unchanged (each payload names its syncer) and adds
 * graph-level `progress` with `phase: 'graph'`.
 */
export interface SyncerEvents {
  /** An object was created or configured (also `unchanged`, so progress can be drawn). */
  applied: [event: ChangeEvent];
  /** An object was pruned or deleted. */
  pruned: [event: ChangeEvent];
  /** Work advanced. */
  progress: [event: ProgressEvent];
  /** A pass ended ready (also emitted for dry runs, with state `planned`). */
  ready: [result: SyncResult];
  /** A pass ended not ready. */
  failed: [result: SyncResult];
  /** Something the caller should know that does not fail the pass. */
  warning: [event: WarningEvent];
}

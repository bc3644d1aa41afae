import type { SyncError } from '../core/sync-error.js';
import type { SyncResult } from '../core/sync-result.js';
import type { SyncKind } from '../api/group.js';

/** Names the custom resource an event is about. */
export interface ResourceEvent {
  readonly kind: SyncKind;
  readonly namespace: string;
  readonly name: string;
  /** `metadata.generation` when the step started. */
  readonly generation: number;
}

/** The typed events of a {@link Controller} (eventemitter3). */
export interface ControllerEvents {
  /** A pass starts (dependencies are Ready, the spec is valid, not suspended). */
  reconciling: [event: ResourceEvent];
  /** A pass ended Ready; `result` is the SDK's result. */
  reconciled: [event: ResourceEvent & { readonly result: SyncResult }];
  /** A step failed: invalid spec, dependency cycle, a pass not Ready, or a failed teardown. */
  failed: [event: ResourceEvent & { readonly error: SyncError; readonly result?: SyncResult }];
  /** A resource waits for a dependency (`Kind/name`) to become Ready. */
  waiting: [event: ResourceEvent & { readonly dependency: string; readonly message: string }];
  /** The finalizer was removed: the objects were pruned (`orphaned: false`) or left in place. */
  deleted: [event: ResourceEvent & { readonly orphaned: boolean; readonly result?: SyncResult }];
  /** This replica started (`leading: true`) or stopped leading. Without leader election: at start and stop. */
  leader: [event: { readonly identity: string; readonly leading: boolean }];
  /** The controller stopped (after `stop()`, or its start signal aborted). */
  stopped: [];
}

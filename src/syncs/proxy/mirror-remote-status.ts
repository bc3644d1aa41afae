import { isSyncError } from '../../core/sync-error.js';
import type { SyncResult } from '../../core/sync-result.js';
import {
  ConditionTypes,
  findCondition,
  readyCondition,
  removeCondition,
  setCondition,
  stalledCondition,
  type Condition,
  type ProxySyncStatus,
} from '../../api/status.js';
import type { RemoteSyncObservation } from './remote-sync-observation.js';

/** What {@link mirrorRemoteStatus} needs besides the status computed for a pass. */
export interface MirrorContext {
  /** The status before the pass (the last known remote status lives there). */
  readonly previous: ProxySyncStatus;
  /** The ProxySync pass result; `remote` is the remote Sync as last seen. */
  readonly result: SyncResult & { readonly remote?: RemoteSyncObservation };
  /** The ProxySync's `metadata.generation`. */
  readonly generation: number;
  readonly now: Date;
}

/** True when the pass failed because the remote API server could not be reached. */
function unreachable(result: SyncResult): boolean {
  const error = result.error;
  if (!error) return false;
  return error.code === 'UNREACHABLE' || (isSyncError(error.cause) && error.cause.code === 'UNREACHABLE');
}

/**
 * The status of a `ProxySync` custom resource after a pass (pure): the common status the
 * controller computed, with the remote Sync mirrored into it.
 *
 * - Remote seen: `remoteObservedGeneration`, `lastSeenTime`, `remote`, and the remote's
 *   `inventory` and `lastAppliedRevision`; once the remote observed the generation written,
 *   `Ready` carries the remote's reason (and `Stalled` the remote's, when it stalls).
 * - Remote unreachable: `Ready=False` with reason `Unreachable`; the last known remote status
 *   (inventory, `remoteObservedGeneration`, `lastSeenTime`) is kept and the message says it is stale.
 * - Otherwise (not observed yet, kubeconfig errors...): the common status as computed.
 */
export function mirrorRemoteStatus(status: ProxySyncStatus, context: MirrorContext): ProxySyncStatus {
  const { previous, result, generation, now } = context;
  const g = { observedGeneration: generation };
  let conditions: Condition[] = [...status.conditions];
  const set = (c: Parameters<typeof setCondition>[1]): void => {
    conditions = setCondition(conditions, c, now);
  };

  if (unreachable(result)) {
    const seen = previous.lastSeenTime ? `last seen ${previous.lastSeenTime}` : 'never seen';
    const known = previous.message ? `: ${previous.message}` : '';
    const message = `${result.message}; remote status stale (${seen})${known}`;
    conditions = removeCondition(conditions, ConditionTypes.Stalled);
    set(readyCondition('False', { reason: 'Unreachable', message, ...g }));
    return {
      ...status,
      conditions,
      inventory: previous.inventory,
      lastAppliedRevision: previous.lastAppliedRevision,
      remoteObservedGeneration: previous.remoteObservedGeneration,
      ...(previous.lastSeenTime ? { lastSeenTime: previous.lastSeenTime } : {}),
      ...(previous.remote ? { remote: previous.remote } : {}),
      message,
    };
  }

  const remote = result.remote;
  if (!remote) return status;
  const mirrored: ProxySyncStatus = {
    ...status,
    remoteObservedGeneration: remote.status.observedGeneration,
    lastSeenTime: remote.seenAt,
    remote: { cluster: remote.cluster, namespace: remote.namespace, name: remote.name },
    inventory: remote.status.inventory,
    lastAppliedRevision: remote.status.lastAppliedRevision || status.lastAppliedRevision,
  };
  const remoteReady = findCondition(remote.status.conditions, ConditionTypes.Ready);
  if (remote.status.observedGeneration !== remote.generation || !remoteReady) return { ...mirrored, conditions };

  const remoteStalled = findCondition(remote.status.conditions, ConditionTypes.Stalled);
  if (result.ready) {
    set(readyCondition('True', { reason: remoteReady.reason, message: result.message, ...g }));
  } else if (remoteReady.status !== 'True') {
    conditions = removeCondition(conditions, ConditionTypes.Stalled);
    if (remoteStalled?.status === 'True') set(stalledCondition({ reason: remoteStalled.reason, message: result.message, ...g }));
    set(readyCondition('False', { reason: remoteReady.reason, message: result.message, ...g }));
  }
  return { ...mirrored, conditions };
}

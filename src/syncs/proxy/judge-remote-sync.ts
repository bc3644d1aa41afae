import { ConditionTypes, findCondition, isReadyAtGeneration, type SyncStatus } from '../../api/status.js';

/** What the status of a remote Sync says about the generation the management side wrote. */
export type RemoteVerdict =
  /** Observed at that generation and `Ready=True`. */
  | { readonly phase: 'ready'; readonly reason: string; readonly message: string }
  /** Observed at that generation and `Stalled=True`: it needs a change of input, waiting is pointless. */
  | { readonly phase: 'stalled'; readonly reason: string; readonly message: string }
  /** Anything else: not observed yet, reconciling, or failed and retrying. */
  | { readonly phase: 'pending'; readonly reason: string; readonly message: string };

/**
 * Judges a remote Sync's status against the generation the management side just wrote (pure):
 * ready only when `status.observedGeneration` equals it and `Ready=True`; stalled when, at that
 * generation, `Stalled=True`; pending otherwise, with a reason and message for humans.
 */
export function judgeRemoteSync(status: SyncStatus, generation: number): RemoteVerdict {
  const ready = findCondition(status.conditions, ConditionTypes.Ready);
  if (isReadyAtGeneration(status, generation)) {
    return { phase: 'ready', reason: ready?.reason ?? 'Ready', message: ready?.message || status.message || 'Ready' };
  }
  if (status.observedGeneration < generation) {
    return {
      phase: 'pending',
      reason: 'NotObserved',
      message: `the remote controller has not observed generation ${generation} yet (observedGeneration ${status.observedGeneration})`,
    };
  }
  if (status.observedGeneration > generation) {
    return {
      phase: 'pending',
      reason: 'ChangedElsewhere',
      message: `the remote Sync was changed by someone else since (observedGeneration ${status.observedGeneration}, wrote ${generation})`,
    };
  }
  const stalled = findCondition(status.conditions, ConditionTypes.Stalled);
  if (stalled?.status === 'True') {
    return { phase: 'stalled', reason: stalled.reason, message: stalled.message || status.message || stalled.reason };
  }
  if (!ready) return { phase: 'pending', reason: 'NoReadyCondition', message: status.message || 'no Ready condition yet' };
  return { phase: 'pending', reason: ready.reason, message: `Ready=${ready.status} ${ready.reason}: ${ready.message || status.message}` };
}

import type { SyncResult } from '../core/sync-result.js';
import {
  ConditionTypes,
  findCondition,
  readyCondition,
  reconcilingCondition,
  removeCondition,
  setCondition,
  stalledCondition,
  type Condition,
  type StatusInventoryEntry,
  type SyncStatus,
} from '../api/status.js';
import { statusInventoryEntryOf } from '../api/status-inventory.js';

/** What one reconcile step came to, for {@link nextStatus}. */
export type StatusOutcome =
  /** `decodeSpec` refused the spec. */
  | { readonly type: 'invalidSpec'; readonly message: string }
  /** The object is on a dependency cycle. */
  | { readonly type: 'cycle'; readonly message: string }
  /** `spec.suspend` is set. */
  | { readonly type: 'suspended' }
  /** A dependency is not Ready at its generation. */
  | { readonly type: 'waiting'; readonly message: string }
  /** A pass starts for a new generation or a manual request. */
  | { readonly type: 'progressing'; readonly message: string }
  /** A pass ended. */
  | { readonly type: 'result'; readonly result: SyncResult }
  /** The teardown on deletion failed. */
  | { readonly type: 'deletionFailed'; readonly result: SyncResult };

/** The empty status: what an object without one is treated as. */
export const EMPTY_STATUS: SyncStatus = Object.freeze({
  observedGeneration: 0,
  conditions: [],
  inventory: { entries: [] },
  lastAppliedRevision: '',
  lastAttemptedRevision: '',
  message: '',
}) as SyncStatus;

/** `sha256:0123456789abcdef...` -> `sha256:0123456789ab`: a revision short enough for messages. */
export function shortRevision(revision: string): string {
  return revision.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]*$/, '$1');
}

/** Orders `status.inventory` entries by id, then version (code-unit order, locale independent). */
function compareEntries(a: StatusInventoryEntry, b: StatusInventoryEntry): number {
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
}

/** `APPLY_FAILED` -> `ApplyFailed`: an error code as a condition reason. */
export function reasonOfCode(code: string): string {
  const reason = code
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return /^[A-Za-z]/.test(reason) ? reason : 'ReconciliationFailed';
}

/**
 * Computes the status after one reconcile step (pure): kstatus conditions (`Ready`;
 * `Reconciling` only while work is in progress; `Stalled` only when progress needs a change of
 * input), `observedGeneration`, `inventory`, revisions, `lastHandledRequestedAt`, `message`.
 *
 * - `invalidSpec`, `cycle`: `Stalled=True`, `Ready=False`, observed at `generation`.
 * - `suspended`: `Ready` keeps its status with reason `Suspended`; nothing else changes.
 * - `waiting`: `Ready=False` and `Reconciling=True`, reason `DependencyNotReady`.
 * - `progressing`: `Reconciling=True`, `Ready=Unknown`, reason `Progressing` (the generation is not observed yet).
 * - `result`: ready -> `Ready=True` (clears the others), inventory and `lastAppliedRevision`,
 *   and a message that only depends on the revision and the object count (so an unchanged
 *   pass leaves the status unchanged and costs no write);
 *   not ready -> `Ready=False` (`HealthCheckFailed` for a timeout, `DependencyNotReady` when
 *   blocked, else `ReconciliationFailed`), `Stalled=True` when the error is not retryable.
 */
export function nextStatus(
  previous: SyncStatus,
  outcome: StatusOutcome,
  context: { readonly generation: number; readonly requestedAt?: string; readonly now: Date },
): SyncStatus {
  const { generation, now } = context;
  const g = { observedGeneration: generation };
  let conditions: Condition[] = [...previous.conditions];
  const set = (c: Parameters<typeof setCondition>[1]): void => {
    conditions = setCondition(conditions, c, now);
  };
  const handled = context.requestedAt !== undefined ? { lastHandledRequestedAt: context.requestedAt } : {};
  switch (outcome.type) {
    case 'invalidSpec':
    case 'cycle': {
      const reason = outcome.type === 'invalidSpec' ? 'InvalidSpec' : 'DependencyCycle';
      conditions = removeCondition(conditions, ConditionTypes.Reconciling);
      set(stalledCondition({ reason, message: outcome.message, ...g }));
      set(readyCondition('False', { reason, message: outcome.message, ...g }));
      return { ...previous, ...handled, conditions, observedGeneration: generation, message: outcome.message };
    }
    case 'suspended': {
      const ready = findCondition(previous.conditions, ConditionTypes.Ready);
      const message = 'reconciliation is suspended';
      conditions = removeCondition(conditions, ConditionTypes.Reconciling);
      set(
        readyCondition(ready?.status ?? 'Unknown', {
          reason: 'Suspended',
          message,
          ...(ready?.observedGeneration !== undefined ? { observedGeneration: ready.observedGeneration } : {}),
        }),
      );
      return { ...previous, conditions, message };
    }
    case 'waiting': {
      conditions = removeCondition(conditions, ConditionTypes.Stalled);
      set(reconcilingCondition({ reason: 'DependencyNotReady', message: outcome.message, ...g }));
      set(readyCondition('False', { reason: 'DependencyNotReady', message: outcome.message, ...g }));
      return { ...previous, conditions, observedGeneration: generation, message: outcome.message };
    }
    case 'progressing': {
      conditions = removeCondition(conditions, ConditionTypes.Stalled);
      set(reconcilingCondition({ reason: 'Progressing', message: outcome.message, ...g }));
      set(readyCondition('Unknown', { reason: 'Progressing', message: outcome.message, ...g }));
      return { ...previous, conditions, message: outcome.message };
    }
    case 'result': {
      const { result } = outcome;
      const attempted = result.revision ? { lastAttemptedRevision: result.revision } : {};
      if (result.ready) {
        // Sorted: a pass reports its changes in the order its concurrent applies completed,
        // which differs from pass to pass; in that order an unchanged pass would rewrite the status.
        const entries = result.changes
          .filter((c) => c.action === 'created' || c.action === 'configured' || c.action === 'unchanged')
          .map((c) => statusInventoryEntryOf(c.ref))
          .sort(compareEntries);
        // Stable for an unchanged outcome, so a pass that changed nothing writes no status.
        const message = `applied revision ${shortRevision(result.revision)}: ${entries.length} object${entries.length === 1 ? '' : 's'}`;
        set(readyCondition('True', { reason: 'ReconciliationSucceeded', message, ...g }));
        return {
          ...previous,
          ...handled,
          ...attempted,
          conditions,
          observedGeneration: generation,
          inventory: { entries },
          lastAppliedRevision: result.revision,
          message,
        };
      }
      const reason = result.state === 'timeout' ? 'HealthCheckFailed' : result.state === 'blocked' ? 'DependencyNotReady' : 'ReconciliationFailed';
      conditions = removeCondition(conditions, ConditionTypes.Reconciling);
      if (result.error && !result.error.retryable) {
        set(stalledCondition({ reason: reasonOfCode(result.error.code), message: result.message, ...g }));
      } else {
        conditions = removeCondition(conditions, ConditionTypes.Stalled);
      }
      set(readyCondition('False', { reason, message: result.message, ...g }));
      return { ...previous, ...handled, ...attempted, conditions, observedGeneration: generation, message: result.message };
    }
    case 'deletionFailed': {
      const message = `deletion failed: ${outcome.result.message}`;
      set(readyCondition('False', { reason: 'DeletionFailed', message, ...g }));
      return { ...previous, conditions, message };
    }
  }
}

import { OptionsError } from '../core/sync-error.js';

/** The status of a condition. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A status condition, shaped like `metav1.Condition`. */
export interface Condition {
  /** `Ready`, `Reconciling`, `Stalled`, or another CamelCase type. */
  type: string;
  status: ConditionStatus;
  /** A CamelCase reason, e.g. `ReconciliationSucceeded`. */
  reason: string;
  /** One line for humans; never carries Secret data. */
  message: string;
  /** When `status` last changed (RFC 3339). */
  lastTransitionTime: string;
  /** The `metadata.generation` this condition was computed for. @default undefined */
  observedGeneration?: number;
}

/** A condition to set: {@link setCondition} fills `lastTransitionTime`. */
export type ConditionUpdate = Omit<Condition, 'lastTransitionTime'>;

/** One object recorded in `status.inventory`. */
export interface StatusInventoryEntry {
  /** `group_kind_namespace_name` (empty group for the core group, empty namespace when cluster-scoped). */
  id: string;
  /** The version the object was applied at, e.g. `v1`. */
  v: string;
}

/** The objects a Sync applied, as listed in its status. */
export interface StatusInventory {
  entries: StatusInventoryEntry[];
}

/** The `status` of a `Sync` or `RemoteSync`. */
export interface SyncStatus {
  /** The `metadata.generation` the status was computed for. @default 0 */
  observedGeneration: number;
  /** kstatus conditions: `Ready`, `Reconciling`, `Stalled`. @default [] */
  conditions: Condition[];
  /** The objects applied by the last successful reconcile. @default { entries: [] } */
  inventory: StatusInventory;
  /** The revision (digest of the desired set) last applied successfully. @default '' */
  lastAppliedRevision: string;
  /** The revision last tried, successfully or not. @default '' */
  lastAttemptedRevision: string;
  /** The value of the `syncprims.dev/requestedAt` annotation last handled. @default undefined */
  lastHandledRequestedAt?: string;
  /** One line for humans about the last reconcile. @default '' */
  message: string;
}

/** Where the Sync a ProxySync maintains lives. */
export interface RemoteSyncRef {
  /** The remote cluster, as named by the kubeConfig Secret (`namespace/name`) or its server URL. */
  cluster: string;
  namespace: string;
  name: string;
}

/** The `status` of a `ProxySync`: the remote Sync's status, mirrored, plus what the management side saw. */
export interface ProxySyncStatus extends SyncStatus {
  /** The remote Sync's `status.observedGeneration` when last seen. @default 0 */
  remoteObservedGeneration: number;
  /** When the remote Sync was last read successfully (RFC 3339); absent until then. @default undefined */
  lastSeenTime?: string;
  /** The remote Sync. @default undefined */
  remote?: RemoteSyncRef;
}

/** The kstatus condition types. */
export const ConditionTypes = Object.freeze({ Ready: 'Ready', Reconciling: 'Reconciling', Stalled: 'Stalled' } as const);

/** The syntax of a condition reason (`metav1.Condition`). */
export const CONDITION_REASON_PATTERN = '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$';
/** The longest condition message (`metav1.Condition`); longer messages are cut by the helpers. */
export const CONDITION_MESSAGE_MAX = 32768;

const REASON_RE = new RegExp(CONDITION_REASON_PATTERN);

/** What {@link readyCondition}, {@link reconcilingCondition} and {@link stalledCondition} take. */
export interface ConditionDetails {
  /** A CamelCase reason, e.g. `DependencyNotReady`. */
  reason: string;
  /** One line for humans; cut to {@link CONDITION_MESSAGE_MAX} characters. Never put Secret data here. */
  message: string;
  /** The `metadata.generation` this is about. @default undefined */
  observedGeneration?: number;
}

function makeCondition(type: string, status: ConditionStatus, details: ConditionDetails): ConditionUpdate {
  if (!REASON_RE.test(details.reason) || details.reason.length > 1024) {
    throw new OptionsError(`condition reason must be CamelCase (${CONDITION_REASON_PATTERN}), got ${JSON.stringify(details.reason)}`);
  }
  const chars = [...details.message];
  const message = chars.length > CONDITION_MESSAGE_MAX ? `${chars.slice(0, CONDITION_MESSAGE_MAX - 1).join('')}…` : details.message;
  return {
    type,
    status,
    reason: details.reason,
    message,
    ...(details.observedGeneration !== undefined ? { observedGeneration: details.observedGeneration } : {}),
  };
}

/**
 * A `Ready` condition (normal-true polarity: `True` when everything is applied and ready).
 *
 * Errors: throws {@link OptionsError} when `reason` is not CamelCase.
 *
 * @example
 * ```ts
 * import { readyCondition, setCondition, type Condition } from 'syncprims';
 * let conditions: Condition[] = [];
 * conditions = setCondition(conditions, readyCondition('True', { reason: 'ReconciliationSucceeded', message: 'applied 3 objects', observedGeneration: 2 }), new Date());
 * ```
 */
export function readyCondition(status: ConditionStatus, details: ConditionDetails): ConditionUpdate {
  return makeCondition(ConditionTypes.Ready, status, details);
}

/**
 * A `Reconciling` condition. kstatus gives it abnormal-true polarity: it is present, `True`,
 * only while work is in progress; {@link setCondition} removes it when Ready turns `True`.
 *
 * Errors: throws {@link OptionsError} when `reason` is not CamelCase.
 */
export function reconcilingCondition(details: ConditionDetails): ConditionUpdate {
  return makeCondition(ConditionTypes.Reconciling, 'True', details);
}

/**
 * A `Stalled` condition (abnormal-true polarity): present, `True`, only when progress needs a
 * change of input (invalid spec, dependency cycle). {@link setCondition} removes it when Ready
 * turns `True`.
 *
 * Errors: throws {@link OptionsError} when `reason` is not CamelCase.
 */
export function stalledCondition(details: ConditionDetails): ConditionUpdate {
  return makeCondition(ConditionTypes.Stalled, 'True', details);
}

/** Formats a time as Kubernetes does (`metav1.Time`): RFC 3339 in UTC, whole seconds. */
export function formatConditionTime(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Returns `conditions` with `cond` set (a new array; the input is not changed).
 *
 * - `lastTransitionTime` is kept when the condition's status did not change, else set to `now`.
 * - kstatus: `Ready=True` removes `Reconciling` and `Stalled`; setting `Reconciling` or `Stalled`
 *   to `False` removes it (abnormal-true conditions are present only when true).
 *
 * @example
 * ```ts
 * import { setCondition, stalledCondition, readyCondition, type Condition } from 'syncprims';
 * const now = new Date();
 * let conditions: Condition[] = [];
 * conditions = setCondition(conditions, stalledCondition({ reason: 'InvalidSpec', message: 'spec.interval: must be a duration' }), now);
 * conditions = setCondition(conditions, readyCondition('False', { reason: 'InvalidSpec', message: 'spec.interval: must be a duration' }), now);
 * ```
 */
export function setCondition(conditions: readonly Condition[], cond: ConditionUpdate, now: Date): Condition[] {
  const abnormalTrue = cond.type === ConditionTypes.Reconciling || cond.type === ConditionTypes.Stalled;
  if (abnormalTrue && cond.status === 'False') return removeCondition(conditions, cond.type);
  const previous = findCondition(conditions, cond.type);
  const next: Condition = {
    ...cond,
    lastTransitionTime: previous && previous.status === cond.status ? previous.lastTransitionTime : formatConditionTime(now),
  };
  let out = previous ? conditions.map((c) => (c.type === cond.type ? next : c)) : [...conditions, next];
  if (cond.type === ConditionTypes.Ready && cond.status === 'True') {
    out = out.filter((c) => c.type !== ConditionTypes.Reconciling && c.type !== ConditionTypes.Stalled);
  }
  return out;
}

/** Returns `conditions` without the condition of `type` (a new array). */
export function removeCondition(conditions: readonly Condition[], type: string): Condition[] {
  return conditions.filter((c) => c.type !== type);
}

/** Returns the condition of `type`, if present. */
export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * True when a status says Ready for `generation`: `observedGeneration` equals it and the
 * `Ready` condition is `True` (and, when it records one, for the same generation). This is the
 * test a dependent, or a ProxySync watching its remote Sync, uses.
 *
 * @example
 * ```ts
 * import { isReadyAtGeneration, type SyncStatus } from 'syncprims';
 * declare const obj: { metadata: { generation?: number }; status?: SyncStatus };
 * if (isReadyAtGeneration(obj.status, obj.metadata.generation)) console.log('ready');
 * ```
 */
export function isReadyAtGeneration(
  status: Pick<SyncStatus, 'observedGeneration' | 'conditions'> | undefined,
  generation: number | undefined,
): boolean {
  if (!status || generation === undefined || status.observedGeneration !== generation) return false;
  const ready = findCondition(status.conditions, ConditionTypes.Ready);
  return ready?.status === 'True' && (ready.observedGeneration === undefined || ready.observedGeneration === generation);
}

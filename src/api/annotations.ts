/**
 * The manual trigger annotation: set it to any new value (a timestamp by convention) and the
 * controller reconciles the object at once, then records the value in
 * `status.lastHandledRequestedAt`.
 *
 * @example
 * ```ts
 * import { REQUESTED_AT_ANNOTATION } from 'syncprims';
 * const patch = { metadata: { annotations: { [REQUESTED_AT_ANNOTATION]: new Date().toISOString() } } };
 * ```
 */
export const REQUESTED_AT_ANNOTATION = 'syncprims.dev/requestedAt';

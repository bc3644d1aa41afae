import type { Logger } from '../core/logger.js';
import type { NotReady } from '../core/sync-result.js';
import type { HealthRule } from './health-rule.js';

/** Options of {@link waitForReady}. */
export interface WaitOptions {
  /**
   * How long to wait, in milliseconds, before resolving with `timedOut: true`. `Infinity` (or
   * anything above 2^31-1 ms, about 24.8 days) waits until ready, failed or aborted.
   * @default 300_000
   */
  timeout?: number;
  /** Custom readiness rules, checked before the built-in ones (see {@link evaluateHealth}). @default [] */
  rules?: readonly HealthRule[];
  /** Aborts the wait: it closes its watches and rejects with the signal's reason. @default undefined */
  signal?: AbortSignal;
  /**
   * Called whenever the set of not-ready objects (or the reason of one) changes, including the
   * final change to `[]` when everything is ready. Exceptions it throws are logged and ignored.
   * @default undefined
   */
  onProgress?: (notReady: readonly NotReady[]) => void;
  /**
   * A label selector every awaited object carries (e.g. a sync's ownership label). It narrows
   * the list/watch of kinds with several awaited objects; an object without the label is then
   * never seen and counts as `not found`.
   * @default undefined (select by name only)
   */
  labelSelector?: string;
  /** Where diagnostics go (watch restarts, retried errors). @default a silent logger */
  logger?: Logger;
}

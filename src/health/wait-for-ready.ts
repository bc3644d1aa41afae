import { anySignal } from '../core/abort.js';
import { silentLogger } from '../core/logger.js';
import { formatRef, refOf, type ObjectRef } from '../core/object-ref.js';
import type { NotReady } from '../core/sync-result.js';
import { isSyncError, OptionsError } from '../core/sync-error.js';
import { groupRefs } from './group-refs.js';
import { ReadinessTracker } from './readiness-tracker.js';
import type { WaitOptions } from './wait-options.js';
import type { WaitOutcome } from './wait-outcome.js';
import { watchGroup, type WatchingClient } from './watch-group.js';

/** The default of {@link WaitOptions.timeout}: five minutes. */
export const DEFAULT_WAIT_TIMEOUT_MS = 300_000;

/** The longest delay `setTimeout` honours; longer timeouts mean "no timeout". */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Waits until every object in `refs` is Current (see {@link evaluateHealth}), watch-driven:
 * one `list` then `watch` per apiVersion, kind and namespace (a single object is selected by
 * `fieldSelector=metadata.name=<name>`), so a status change is seen as soon as the API server
 * sends it, with no polling. The server ending a watch means re-watch; `410 Gone` means re-list.
 *
 * Resolves with:
 * - `{ ready: true, statuses }` once every object is Current;
 * - `{ ready: false, timedOut: false, failed, notReady, statuses }` as soon as any object is
 *   Failed (fail fast);
 * - `{ ready: false, timedOut: true, notReady, statuses }` when `timeout` runs out. Objects that
 *   do not exist count as not ready with reason `not found`.
 *
 * Every watch is closed and every timer cleared before the promise settles.
 *
 * Errors: rejects with the signal's reason when `signal` aborts; with {@link OptionsError} for
 * invalid options or when a custom rule throws or returns an invalid status; with the client's
 * {@link SyncError} when it is not retryable (`FORBIDDEN`, `UNKNOWN_KIND`, ...). Retryable
 * errors (`UNREACHABLE`, 5xx) are retried with backoff and named in `notReady` on timeout.
 *
 * @example
 * ```ts
 * import { waitForReady, type KubeClient } from 'syncprims';
 * declare const client: KubeClient;
 * const outcome = await waitForReady(client, [
 *   { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' },
 * ], { timeout: 60_000, onProgress: (waiting) => console.log(`${waiting.length} not ready`) });
 * if (outcome.ready) console.log('ready');
 * else if (outcome.timedOut) console.log(outcome.notReady);
 * else console.log(outcome.failed);
 * ```
 */
export async function waitForReady(
  client: WatchingClient,
  refs: readonly ObjectRef[],
  options: WaitOptions = {},
): Promise<WaitOutcome> {
  validate(refs, options);
  options.signal?.throwIfAborted();
  const logger = options.logger ?? silentLogger;
  const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT_MS;
  const tracker = new ReadinessTracker(refs, options.rules ?? []);
  if (tracker.size === 0) return { ready: true, statuses: [] };

  const stop = new AbortController();
  const signal = anySignal(options.signal, stop.signal);

  return new Promise<WaitOutcome>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastProgress: string | undefined;
    const loops: Promise<void>[] = [];

    const finish = (end: { outcome: WaitOutcome } | { error: unknown }): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      stop.abort(new Error('waitForReady finished'));
      // Settle only once every watch has closed: no callback runs after the caller resumes.
      void Promise.allSettled(loops).then(() => ('outcome' in end ? resolve(end.outcome) : reject(end.error)));
    };

    const onAbort = (): void => finish({ error: options.signal?.reason });

    const reportProgress = (notReady: NotReady[]): void => {
      if (!options.onProgress) return;
      const key = JSON.stringify(notReady.map((n) => [formatRef(n.ref), n.reason]));
      if (key === lastProgress) return;
      lastProgress = key;
      try {
        options.onProgress(notReady);
      } catch (err) {
        logger.warn('readiness: onProgress threw', { error: err instanceof Error ? err.message : String(err) });
      }
    };

    /** Runs after every change: fail fast, finish when all are Current, else report progress. */
    const check = (): void => {
      if (settled) return;
      const failed = tracker.failed();
      const notReady = tracker.notReady();
      if (failed.length > 0) {
        finish({ outcome: { ready: false, timedOut: false, failed, notReady, statuses: tracker.statuses() } });
        return;
      }
      // Progress is reported once every group has answered its first list (or failed to), so the
      // first report is not a list of objects merely not looked at yet.
      if (unsettledGroups === 0) reportProgress(notReady);
      if (notReady.length === 0) finish({ outcome: { ready: true, statuses: tracker.statuses() } });
    };

    /** Applies one change; a throwing custom rule ends the wait with an error. */
    const update = (ref: ObjectRef, change: () => void): void => {
      if (settled) return;
      try {
        change();
      } catch (err) {
        finish({
          error: isSyncError(err)
            ? err
            : new OptionsError(`the health rule for ${formatRef(ref)} threw: ${err instanceof Error ? err.message : String(err)}`, {
                cause: err,
                ref,
              }),
        });
      }
    };

    if (Number.isFinite(timeout) && timeout <= MAX_TIMER_MS) {
      timer = setTimeout(() => {
        finish({ outcome: { ready: false, timedOut: true, notReady: tracker.notReady(), statuses: tracker.statuses() } });
      }, timeout);
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const groups = groupRefs(refs);
    let unsettledGroups = groups.length;
    for (const group of groups) {
      let answered = false;
      const markAnswered = (): void => {
        if (!answered) unsettledGroups -= 1;
        answered = true;
      };
      const groupRefsList = [...group.names].map((name) => ({
        apiVersion: group.apiVersion,
        kind: group.kind,
        ...(group.namespace ? { namespace: group.namespace } : {}),
        name,
      }));
      const loop = watchGroup(client, group, { signal, logger, ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}) }, {
        snapshot: (objects) => {
          markAnswered();
          const seen = new Set(objects.map((o) => o.metadata.name));
          for (const ref of groupRefsList) if (!seen.has(ref.name)) update(ref, () => tracker.markMissing(ref));
          for (const obj of objects) update(refOf(obj), () => tracker.observe(obj));
          check();
        },
        event: (type, obj) => {
          const ref = refOf(obj);
          update(ref, () => (type === 'DELETED' ? tracker.markMissing(ref) : tracker.observe(obj)));
          check();
        },
        problem: (message) => {
          markAnswered();
          tracker.noteUnobserved(groupRefsList, message);
          check();
        },
      }).catch((err: unknown) => finish({ error: err }));
      loops.push(loop);
    }
  });
}

function validate(refs: readonly ObjectRef[], options: WaitOptions): void {
  if (!Array.isArray(refs)) throw new OptionsError('waitForReady: `refs` must be an array of object references');
  for (const [i, ref] of refs.entries()) {
    if (!ref || typeof ref.apiVersion !== 'string' || typeof ref.kind !== 'string' || typeof ref.name !== 'string' ||
      ref.apiVersion === '' || ref.kind === '' || ref.name === '') {
      throw new OptionsError(`waitForReady: refs[${i}] needs apiVersion, kind and name`);
    }
  }
  if (options === null || typeof options !== 'object') throw new OptionsError('waitForReady: `options` must be an object');
  const { timeout } = options;
  if (timeout !== undefined && (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0)) {
    throw new OptionsError(`waitForReady: \`timeout\` must be a number of milliseconds >= 0 (got ${String(timeout)})`);
  }
  if (options.rules !== undefined && !Array.isArray(options.rules)) {
    throw new OptionsError('waitForReady: `rules` must be an array of health rules');
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new OptionsError('waitForReady: `onProgress` must be a function');
  }
}

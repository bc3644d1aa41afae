import * as t from 'io-ts';
import { sleep } from '../core/abort.js';
import type { Logger } from '../core/logger.js';
import type { KubeObject } from '../core/object-ref.js';
import { isSyncError } from '../core/sync-error.js';
import type { KubeClient, ListOptions, WatchEvent } from '../cluster/kube-client.js';
import type { RefGroup } from './group-refs.js';

/** The two calls the waiter needs from a {@link KubeClient}. */
export type WatchingClient = Pick<KubeClient, 'list' | 'watch'>;

/** Where {@link watchGroup} reports what it sees. Every object passed is one of the group's names. */
export interface GroupSink {
  /** The result of a (re-)list: the awaited objects that exist right now. */
  snapshot(objects: readonly KubeObject[]): void;
  /** One watch event of an awaited object. */
  event(type: WatchEvent['type'], object: KubeObject): void;
  /** A retryable error; the loop backs off and tries again. */
  problem(message: string): void;
}

/** Options of {@link watchGroup}. */
export interface WatchGroupOptions {
  /** Stops the loop (and the requests in flight). */
  signal: AbortSignal;
  labelSelector?: string;
  logger: Logger;
}

/** The minimum an object from the server must have to be tracked (checked, as it is untrusted). */
const watchedObjectCodec = t.type({ metadata: t.type({ name: t.string }) });

const MAX_BACKOFF_MS = 5_000;

/**
 * Keeps one group of awaited objects observed: one `list`, then `watch` from the list's
 * resourceVersion; re-watch when the server ends the stream, re-list on `GONE` (410), back off
 * and retry on retryable errors. A single awaited name is selected with
 * `fieldSelector=metadata.name=<name>`.
 *
 * Resolves when `signal` aborts. Rejects with the client's error when it is not retryable
 * (`FORBIDDEN`, `UNKNOWN_KIND`, ...): waiting longer cannot help.
 */
export async function watchGroup(
  client: WatchingClient,
  group: RefGroup,
  options: WatchGroupOptions,
  sink: GroupSink,
): Promise<void> {
  const { signal, logger } = options;
  const only = group.names.size === 1 ? [...group.names][0] : undefined;
  const selectors: ListOptions = {
    ...(group.namespace ? { namespace: group.namespace } : {}),
    ...(only !== undefined ? { fieldSelector: `metadata.name=${only}` } : {}),
    ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}),
  };
  const where = `${group.kind}${group.namespace ? ` in ${group.namespace}` : ''}`;
  const normalize = (raw: unknown): KubeObject | undefined => {
    if (!watchedObjectCodec.is(raw)) return undefined;
    const obj = raw as KubeObject;
    // List items usually come without apiVersion/kind; the rules need them.
    return typeof obj.apiVersion === 'string' && typeof obj.kind === 'string'
      ? obj
      : { ...obj, apiVersion: group.apiVersion, kind: group.kind };
  };

  let resourceVersion: string | undefined;
  let failures = 0;
  let emptyEnds = 0;
  let gones = 0;
  while (!signal.aborted) {
    try {
      if (resourceVersion === undefined) {
        logger.debug('readiness: listing', { apiVersion: group.apiVersion, kind: group.kind, namespace: group.namespace });
        const list = await client.list(group.apiVersion, group.kind, { ...selectors, signal });
        if (signal.aborted) return;
        const awaited: KubeObject[] = [];
        for (const item of list.items) {
          const obj = normalize(item);
          if (obj && group.names.has(obj.metadata.name)) awaited.push(obj);
        }
        sink.snapshot(awaited);
        resourceVersion = list.resourceVersion;
        failures = 0;
      } else {
        gones = 0;
      }
      const startedAt = Date.now();
      let events = 0;
      await client.watch(group.apiVersion, group.kind, { ...selectors, resourceVersion, signal }, (event) => {
        if (signal.aborted) return;
        events += 1;
        const obj = normalize(event.object);
        if (!obj) {
          logger.debug('readiness: ignoring a malformed watch event', { kind: group.kind, type: event.type });
          return;
        }
        if (obj.metadata.resourceVersion) resourceVersion = obj.metadata.resourceVersion;
        if (group.names.has(obj.metadata.name)) sink.event(event.type, obj);
      });
      if (signal.aborted) return;
      // The server ended the stream (its timeout): watch again from where we are. A server that
      // keeps closing at once with nothing to say gets a growing pause, not a hot loop.
      emptyEnds = events === 0 && Date.now() - startedAt < 1_000 ? emptyEnds + 1 : 0;
      if (emptyEnds > 0) await pause(backoff(emptyEnds), signal);
    } catch (err) {
      if (signal.aborted) return;
      if (isSyncError(err) && err.code === 'GONE') {
        logger.debug('readiness: watch expired (410 Gone), listing again', { kind: group.kind });
        // 410 right after a fresh list should not happen; if it does, do not spin.
        gones += 1;
        if (gones > 1) await pause(backoff(gones - 1), signal);
        resourceVersion = undefined;
        continue;
      }
      if (isSyncError(err) && !err.retryable) throw err;
      failures += 1;
      const message = err instanceof Error ? err.message : String(err);
      sink.problem(message);
      logger.warn(`readiness: watching ${where} failed, retrying`, { error: message, attempt: failures });
      await pause(backoff(failures), signal);
    }
  }
}

function backoff(attempt: number): number {
  return Math.min(100 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

/** Sleeps, or returns early (without throwing) when the signal aborts. */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, signal).catch(() => undefined);
}

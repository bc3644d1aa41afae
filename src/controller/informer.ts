import * as t from 'io-ts';
import { EventEmitter } from 'eventemitter3';
import { sleep } from '../core/abort.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { KubeObject } from '../core/object-ref.js';
import { isSyncError } from '../core/sync-error.js';
import type { KubeClient, ListOptions } from '../cluster/kube-client.js';
import { computeBackoff } from './compute-backoff.js';
import { jitterDuration } from './jitter-duration.js';

/** One change an {@link Informer} saw: from a watch event or from comparing a re-list with its cache. */
export interface InformerChange {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The object as it is now (for `DELETED`: as it was last seen, or as the server sent it). */
  readonly object: KubeObject;
  /** For `MODIFIED` and `DELETED`: the cached object before the change, when there was one. */
  readonly previous?: KubeObject;
}

/** The typed events of an {@link Informer} (eventemitter3). */
export interface InformerEvents {
  /** One change of one object. */
  change: [change: InformerChange];
  /** A (re-)list completed and the cache matches the server. */
  synced: [];
  /** Listing or watching failed; the informer backs off and tries again. */
  problem: [error: unknown];
}

/** Options of {@link Informer}. */
export interface InformerOptions {
  /** The connection; only `list` and `watch` are used. */
  client: Pick<KubeClient, 'list' | 'watch'>;
  /** The `apiVersion` of the kind to watch, e.g. `syncprims.dev/v1alpha1`. */
  apiVersion: string;
  /** The kind to watch, e.g. `Sync`. */
  kind: string;
  /** Watch one namespace only. @default undefined (all namespaces) */
  namespace?: string;
  /** Restrict to objects matching this label selector. @default undefined (all) */
  labelSelector?: string;
  /** First reconnect delay after a failure; doubles per consecutive failure. @default 500 */
  backoffBaseMs?: number;
  /** Longest reconnect delay. @default 30000 */
  backoffCapMs?: number;
  /** Server-side timeout of one watch request, in seconds (the informer watches again after it). @default 300 */
  watchTimeoutSeconds?: number;
  /** Where diagnostics go. @default a silent logger */
  logger?: Logger;
}

/** The minimum an object from the server must have to be cached (it is untrusted input). */
const cachedObjectCodec = t.type({
  metadata: t.intersection([t.type({ name: t.string }), t.partial({ namespace: t.string, resourceVersion: t.string })]),
});

/** The cache key of an object: `namespace/name`, or `name` when cluster-scoped. */
export function cacheKeyOf(obj: { metadata: { name: string; namespace?: string } }): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name;
}

/**
 * Keeps a local cache of one kind in sync with the API server and reports every change:
 * list, then watch from the list's `resourceVersion`; watch again when the server ends the
 * stream; list again on `410 Gone` (and report what changed meanwhile, deletions included);
 * reconnect with capped exponential backoff and jitter after any error.
 *
 * A watch error never stops it: errors that cannot heal by waiting (`FORBIDDEN`, a kind not
 * served yet) are reported through `problem` and the logger and retried at the capped delay,
 * so installing the CRD or granting the role later just works. `run()` resolves only when its
 * signal aborts.
 *
 * @example
 * ```ts
 * import { Cluster, Informer } from 'syncprims';
 * const client = await Cluster.fromKubeconfig().connect();
 * const informer = new Informer({ client, apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default' });
 * informer.on('change', ({ type, object }) => console.log(type, object.metadata.name));
 * const controller = new AbortController();
 * void informer.run(controller.signal);
 * ```
 */
export class Informer extends EventEmitter<InformerEvents> {
  readonly apiVersion: string;
  readonly kind: string;
  private readonly options: InformerOptions;
  private readonly logger: Logger;
  private readonly cache = new Map<string, KubeObject>();
  private synced = false;

  constructor(options: InformerOptions) {
    super();
    this.options = options;
    this.apiVersion = options.apiVersion;
    this.kind = options.kind;
    this.logger = options.logger ?? silentLogger;
  }

  /** True once the first list completed. */
  get hasSynced(): boolean {
    return this.synced;
  }

  /** The cached object with this key (`namespace/name`). */
  get(key: string): KubeObject | undefined {
    return this.cache.get(key);
  }

  /** Every cached object. */
  list(): KubeObject[] {
    return [...this.cache.values()];
  }

  /** Lists and watches until `signal` aborts; never rejects. */
  async run(signal: AbortSignal): Promise<void> {
    const { namespace, labelSelector } = this.options;
    const selectors: ListOptions = {
      ...(namespace ? { namespace } : {}),
      ...(labelSelector ? { labelSelector } : {}),
    };
    const base = this.options.backoffBaseMs ?? 500;
    const cap = this.options.backoffCapMs ?? 30_000;
    let resourceVersion: string | undefined;
    let failures = 0;
    let emptyEnds = 0;
    let lastProblem: string | undefined;
    while (!signal.aborted) {
      try {
        if (resourceVersion === undefined) {
          const listed = await this.options.client.list(this.apiVersion, this.kind, { ...selectors, signal });
          if (signal.aborted) return;
          this.replace(listed.items);
          resourceVersion = listed.resourceVersion;
          failures = 0;
          if (lastProblem !== undefined) this.logger.info(`informer: watching ${this.kind} again`, { kind: this.kind });
          lastProblem = undefined;
        }
        const startedAt = Date.now();
        let events = 0;
        await this.options.client.watch(
          this.apiVersion,
          this.kind,
          { ...selectors, resourceVersion, timeoutSeconds: this.options.watchTimeoutSeconds ?? 300, signal },
          (event) => {
            if (signal.aborted) return;
            events += 1;
            const obj = this.normalize(event.object);
            if (!obj) {
              this.logger.debug('informer: ignoring a malformed watch event', { kind: this.kind, type: event.type });
              return;
            }
            if (obj.metadata.resourceVersion) resourceVersion = obj.metadata.resourceVersion;
            this.apply(event.type, obj);
          },
        );
        if (signal.aborted) return;
        failures = 0;
        // The server ended the stream: watch again. One that keeps closing at once with nothing
        // to say gets a growing pause rather than a hot loop.
        emptyEnds = events === 0 && Date.now() - startedAt < 1_000 ? emptyEnds + 1 : 0;
        if (emptyEnds > 0) await this.pause(computeBackoff(base, emptyEnds, cap), signal);
      } catch (err) {
        if (signal.aborted) return;
        if (isSyncError(err) && err.code === 'GONE') {
          this.logger.debug('informer: watch expired (410 Gone), listing again', { kind: this.kind });
          resourceVersion = undefined;
          continue;
        }
        failures += 1;
        // After an error the list may be stale too: list again once reconnected.
        resourceVersion = undefined;
        const delay = jitterDuration(computeBackoff(base, failures, cap));
        const message = err instanceof Error ? err.message : String(err);
        // Warn when a problem starts or changes; a problem that persists (a CRD not installed
        // yet) is repeated at debug level only.
        const log = message === lastProblem ? this.logger.debug.bind(this.logger) : this.logger.warn.bind(this.logger);
        lastProblem = message;
        log(`informer: watching ${this.kind} failed, retrying in ${delay} ms`, {
          kind: this.kind,
          error: message,
          code: isSyncError(err) ? err.code : undefined,
          attempt: failures,
        });
        this.emit('problem', err);
        await this.pause(delay, signal);
      }
    }
  }

  private async pause(ms: number, signal: AbortSignal): Promise<void> {
    await sleep(ms, signal).catch(() => undefined);
  }

  private normalize(raw: unknown): KubeObject | undefined {
    if (!cachedObjectCodec.is(raw)) return undefined;
    const obj = raw as unknown as KubeObject;
    // List items come without apiVersion/kind.
    return typeof obj.apiVersion === 'string' && typeof obj.kind === 'string' ? obj : { ...obj, apiVersion: this.apiVersion, kind: this.kind };
  }

  private apply(type: InformerChange['type'], obj: KubeObject): void {
    const key = cacheKeyOf(obj);
    const previous = this.cache.get(key);
    if (type === 'DELETED') {
      this.cache.delete(key);
      this.emit('change', { type, object: obj, ...(previous ? { previous } : {}) });
      return;
    }
    this.cache.set(key, obj);
    if (previous) this.emit('change', { type: 'MODIFIED', object: obj, previous });
    else this.emit('change', { type: 'ADDED', object: obj });
  }

  /** Replaces the cache with a list result and reports the differences. */
  private replace(items: readonly unknown[]): void {
    const seen = new Set<string>();
    for (const item of items) {
      const obj = this.normalize(item);
      if (!obj) continue;
      const key = cacheKeyOf(obj);
      seen.add(key);
      const previous = this.cache.get(key);
      if (previous && previous.metadata.resourceVersion === obj.metadata.resourceVersion) continue;
      this.apply('MODIFIED', obj);
    }
    for (const [key, obj] of [...this.cache]) {
      if (!seen.has(key)) this.apply('DELETED', obj);
    }
    this.synced = true;
    this.emit('synced');
  }
}

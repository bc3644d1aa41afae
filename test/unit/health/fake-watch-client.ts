/**
 * TEST DOUBLE — not an API server.
 *
 * An in-memory stand-in for the `list`/`watch` half of `KubeClient`, used only to unit-test the
 * logic of `waitForReady` (grouping, re-watch, re-list on 410, fail fast, timeout, abort).
 * It keeps objects in a map and an event log with resourceVersions, honours namespace,
 * `metadata.name=` field selectors and `k=v` label selectors, and can be told to fail (e.g. with
 * 410 `GONE`) or to end its watches. Behaviour against a real kube-apiserver is covered by integration tests.
 */
import { refKey, type KubeObject, type ObjectRef } from '../../../src/core/index.js';
import type { ListOptions, WatchEvent, WatchOptions } from '../../../src/cluster/kube-client.js';
import type { WatchingClient } from '../../../src/health/index.js';

interface OpenWatch {
  apiVersion: string;
  kind: string;
  options: WatchOptions;
  onEvent: (event: WatchEvent) => void;
  end: () => void;
}

interface LoggedEvent {
  rv: number;
  apiVersion: string;
  event: WatchEvent;
}

export class FakeWatchClient implements WatchingClient {
  readonly listCalls: { apiVersion: string; kind: string; options: ListOptions }[] = [];
  readonly watchCalls: { apiVersion: string; kind: string; options: WatchOptions }[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private readonly log: LoggedEvent[] = [];
  private readonly watches = new Set<OpenWatch>();
  private rv = 100;
  private listFailures: unknown[] = [];
  private watchFailures: unknown[] = [];
  private watchWaiters: { count: number; resolve: () => void }[] = [];

  /** How many watches are open right now. */
  get openWatches(): number {
    return this.watches.size;
  }

  /** Creates or replaces an object (as a controller or kubelet would), notifying open watches. */
  put(obj: KubeObject): void {
    const key = refKey(refOfObject(obj));
    const type = this.objects.has(key) ? 'MODIFIED' : 'ADDED';
    this.rv += 1;
    const stored = structuredClone({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.rv) } });
    this.objects.set(key, stored);
    this.emit({ type, object: structuredClone(stored) }, stored.apiVersion);
  }

  /** Deletes an object, notifying open watches. */
  remove(ref: ObjectRef): void {
    const key = refKey(ref);
    const obj = this.objects.get(key);
    if (!obj) return;
    this.objects.delete(key);
    this.rv += 1;
    this.emit({ type: 'DELETED', object: structuredClone({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.rv) } }) }, obj.apiVersion);
  }

  /** Ends every open watch normally, as the server does when its timeout runs out. */
  endWatches(): void {
    for (const w of [...this.watches]) w.end();
  }

  /** The next `list` calls throw these errors, in order. */
  failLists(...errors: unknown[]): void {
    this.listFailures.push(...errors);
  }

  /** The next `watch` calls throw these errors, in order. */
  failWatches(...errors: unknown[]): void {
    this.watchFailures.push(...errors);
  }

  /** Resolves once at least `count` watches are open. */
  whenWatching(count = 1): Promise<void> {
    if (this.watches.size >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchWaiters.push({ count, resolve }));
  }

  async list(apiVersion: string, kind: string, options: ListOptions = {}): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    this.listCalls.push({ apiVersion, kind, options });
    await Promise.resolve();
    options.signal?.throwIfAborted();
    const failure = this.listFailures.shift();
    if (failure !== undefined) throw failure;
    const items = [...this.objects.values()]
      .filter((o) => matches(o, apiVersion, kind, options))
      // Like the real API, list items carry no apiVersion/kind.
      .map((o) => {
        const { apiVersion: _a, kind: _k, ...rest } = structuredClone(o);
        return rest as unknown as KubeObject;
      });
    return { items, resourceVersion: String(this.rv) };
  }

  async watch(apiVersion: string, kind: string, options: WatchOptions, onEvent: (event: WatchEvent) => void): Promise<void> {
    this.watchCalls.push({ apiVersion, kind, options });
    await Promise.resolve();
    options.signal?.throwIfAborted();
    const failure = this.watchFailures.shift();
    if (failure !== undefined) throw failure;
    const from = Number(options.resourceVersion ?? this.rv);
    return new Promise<void>((resolve, reject) => {
      const watch: OpenWatch = {
        apiVersion,
        kind,
        options,
        onEvent,
        end: () => {
          this.watches.delete(watch);
          options.signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.watches.delete(watch);
        reject(options.signal?.reason);
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.watches.add(watch);
      // Replay what happened after `from`, as the API server does.
      for (const logged of this.log) {
        if (logged.rv > from && matches(logged.event.object, apiVersion, kind, options)) onEvent(structuredClone(logged.event));
      }
      for (const waiter of [...this.watchWaiters]) {
        if (this.watches.size >= waiter.count) {
          this.watchWaiters.splice(this.watchWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
  }

  private emit(event: WatchEvent, apiVersion: string): void {
    this.log.push({ rv: this.rv, apiVersion, event });
    for (const w of [...this.watches]) {
      if (matches(event.object, w.apiVersion, w.kind, w.options)) w.onEvent(structuredClone(event));
    }
  }
}

function refOfObject(obj: KubeObject): ObjectRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}) };
}

function groupOfVersion(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function matches(obj: KubeObject, apiVersion: string, kind: string, options: ListOptions): boolean {
  if (obj.kind !== kind || groupOfVersion(obj.apiVersion) !== groupOfVersion(apiVersion)) return false;
  if (options.namespace !== undefined && obj.metadata.namespace !== options.namespace) return false;
  if (options.fieldSelector !== undefined) {
    const m = /^metadata\.name=(.+)$/.exec(options.fieldSelector);
    if (!m) throw new Error(`fake client: unsupported field selector ${options.fieldSelector}`);
    if (obj.metadata.name !== m[1]) return false;
  }
  if (options.labelSelector !== undefined) {
    for (const term of options.labelSelector.split(',')) {
      const [k, v] = term.split('=');
      if (k === undefined || v === undefined) throw new Error(`fake client: unsupported label selector ${term}`);
      if (obj.metadata.labels?.[k] !== v) return false;
    }
  }
  return true;
}

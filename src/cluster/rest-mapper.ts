import type { ObjectRef } from '../core/object-ref.js';
import { SyncError } from '../core/sync-error.js';
import type { ResourceMapping } from './kube-client.js';
import { parseApiVersion } from './parse-api-version.js';
import { parseResourceList } from './parse-resource-list.js';

/**
 * Fetches the discovery document of a group-version: the parsed JSON body, or `undefined`
 * when the server does not serve it (404).
 */
export type DiscoveryFetcher = (group: string, version: string, signal?: AbortSignal) => Promise<unknown>;

/**
 * Looks a kind up another way after discovery missed it twice (e.g. in the established
 * CustomResourceDefinitions, which reach discovery a moment after `Established`).
 */
export type MappingFallback = (
  group: string,
  version: string,
  kind: string,
  signal?: AbortSignal,
  record?: (method: string) => void,
) => Promise<ResourceMapping | undefined>;

interface Entry {
  /** `undefined`: the group-version is not served. */
  readonly byKind: Map<string, ResourceMapping> | undefined;
  readonly seq: number;
}

interface Inflight {
  readonly promise: Promise<Entry>;
  readonly seq: number;
  readonly controller: AbortController;
  /** Callers waiting with a signal; `Infinity` once one waits without a signal. */
  waiters: number;
}

/**
 * Maps kinds to resources through discovery, lazily per group-version: `GET /api/v1` or
 * `GET /apis/<group>/<version>` the first time a kind of that group-version is asked for.
 * A miss refreshes that group-version once (so a just-established CRD is found), then asks
 * the fallback (if any), before failing with `UNKNOWN_KIND`; concurrent lookups share one
 * discovery request.
 */
export class RestMapper {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Inflight>();
  private seq = 0;

  constructor(
    private readonly fetchDiscovery: DiscoveryFetcher,
    private readonly fallback?: MappingFallback,
  ) {}

  /**
   * Returns the mapping of a kind. `record` is told about each discovery request this call starts.
   *
   * Errors: `UNKNOWN_KIND` naming apiVersion and kind; discovery request errors as thrown
   * by the fetcher (`UNREACHABLE`, `FORBIDDEN`, ...).
   */
  async mapping(apiVersion: string, kind: string, signal?: AbortSignal, ref?: ObjectRef, record?: (method: string) => void): Promise<ResourceMapping> {
    const { group, version } = parseApiVersion(apiVersion, kind);
    const key = `${group}/${version}`;
    const cached = this.cache.get(key);
    const first = cached ?? (await this.load(key, group, version, -1, signal, record));
    const hit = first.byKind?.get(kind);
    if (hit) return hit;
    const refreshed = await this.load(key, group, version, first.seq, signal, record);
    const found = refreshed.byKind?.get(kind);
    if (found) return found;
    if (this.fallback) {
      const late = await this.fallback(group, version, kind, signal, record);
      if (late) {
        // Remember it until discovery catches up (or is invalidated).
        const current = this.cache.get(key);
        this.cache.set(key, { byKind: new Map(current?.byKind ?? []).set(kind, late), seq: current?.seq ?? refreshed.seq });
        return late;
      }
    }
    const why = refreshed.byKind === undefined ? `the cluster does not serve ${apiVersion}` : `${apiVersion} has no kind ${kind}`;
    throw new SyncError('UNKNOWN_KIND', `unknown kind ${apiVersion}/${kind}: ${why} (is its CRD installed and established?)`, ref ? { ref } : {});
  }

  /** Forgets everything discovered. */
  invalidate(): void {
    this.cache.clear();
  }

  /**
   * Loads a group-version, sharing a request in flight that started after `afterSeq`. The
   * shared request is aborted only when every caller waiting on it has aborted.
   */
  private load(key: string, group: string, version: string, afterSeq: number, signal?: AbortSignal, record?: (method: string) => void): Promise<Entry> {
    signal?.throwIfAborted();
    let running = this.inflight.get(key);
    if (!running || running.seq <= afterSeq) {
      record?.('GET');
      running = this.start(key, group, version);
    }
    return this.wait(running, signal);
  }

  private start(key: string, group: string, version: string): Inflight {
    const seq = ++this.seq;
    const controller = new AbortController();
    const promise = this.fetchDiscovery(group, version, controller.signal).then(
      (body) => {
        const entry: Entry = { byKind: body === undefined ? undefined : parseResourceList(body, group, version), seq };
        const current = this.cache.get(key);
        if (!current || current.seq < seq) this.cache.set(key, entry);
        return entry;
      },
    );
    const inflight: Inflight = { promise, seq, controller, waiters: 0 };
    const forget = (): void => {
      if (this.inflight.get(key) === inflight) this.inflight.delete(key);
    };
    promise.then(forget, forget);
    this.inflight.set(key, inflight);
    return inflight;
  }

  private wait(inflight: Inflight, signal?: AbortSignal): Promise<Entry> {
    if (!signal) {
      inflight.waiters = Infinity;
      return inflight.promise;
    }
    inflight.waiters++;
    return new Promise<Entry>((resolve, reject) => {
      const onAbort = (): void => {
        if (--inflight.waiters <= 0) inflight.controller.abort(signal.reason);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      inflight.promise.then(
        (entry) => {
          signal.removeEventListener('abort', onAbort);
          resolve(entry);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
    });
  }
}

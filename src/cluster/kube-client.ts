import type { KubeObject, ObjectRef } from '../core/object-ref.js';
import type { ClusterWarning } from './cluster-warning.js';

/** How a kind is served: its resource (plural) and scope. Produced by the REST mapper. */
export interface ResourceMapping {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The plural resource name, e.g. `deployments`. */
  readonly resource: string;
  readonly namespaced: boolean;
}

/** Options every request takes. */
export interface RequestOptions {
  /** Aborts the request. @default undefined */
  signal?: AbortSignal;
}

/** Options of {@link KubeClient.apply}. */
export interface ApplyRequestOptions extends RequestOptions {
  /** The server-side apply field manager. */
  fieldManager: string;
  /** Take ownership of conflicting fields. @default false */
  force?: boolean;
  /** Server-side dry run (`dryRun=All`). @default false */
  dryRun?: boolean;
}

/** What {@link KubeClient.apply} returns. */
export interface ApplyResponse {
  /** The object as the server has it after the apply (or would have it, in a dry run). */
  readonly object: KubeObject;
  /** True when the server answered 201 Created. */
  readonly created: boolean;
}

/** Options of {@link KubeClient.list} and {@link KubeClient.watch}. */
export interface ListOptions extends RequestOptions {
  /** Restrict to a namespace; all namespaces (or cluster scope) when absent. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** One watch event. `BOOKMARK` events are filtered out by the client. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
}

/** Options of {@link KubeClient.watch}. */
export interface WatchOptions extends ListOptions {
  /** Start after this resourceVersion (from a list). */
  resourceVersion?: string;
  /** Server-side timeout of the watch request, in seconds. @default 300 */
  timeoutSeconds?: number;
}

/** Options of {@link KubeClient.delete}. */
export interface DeleteRequestOptions extends RequestOptions {
  /** @default 'Background' */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Only delete if the object still has this uid. */
  uid?: string;
  /** Server-side dry run. @default false */
  dryRun?: boolean;
}

/** A raw request, for the few calls the typed methods do not cover. */
export interface RawRequest extends RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute API path, e.g. `/api/v1/namespaces/default/configmaps`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** @default 'application/json' */
  contentType?: string;
}

/**
 * A connection to one API server: REST mapping, typed requests and watches.
 *
 * All methods throw {@link SyncError} subclasses: `ClusterAccessError` (`UNREACHABLE`,
 * `TLS`, `UNAUTHORIZED`, `FORBIDDEN`), `SyncError` with `NOT_FOUND` / `UNKNOWN_KIND` /
 * `API_ERROR`, carrying the server's `Status.message` (never an HTTP dump).
 */
export interface KubeClient {
  /** The server URL, e.g. `https://127.0.0.1:6443`. */
  readonly server: string;
  /** Maps a kind to its resource; throws `UNKNOWN_KIND` when not served (after one discovery refresh). */
  mapping(apiVersion: string, kind: string, options?: RequestOptions): Promise<ResourceMapping>;
  /** Forgets cached discovery (call after a CRD was established). */
  invalidateDiscovery(): void;
  /** Reads one object; `undefined` when it does not exist. */
  get(ref: ObjectRef, options?: RequestOptions): Promise<KubeObject | undefined>;
  /** Lists objects of a kind. */
  list(apiVersion: string, kind: string, options?: ListOptions): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  /**
   * Server-side apply (PATCH `application/apply-patch+yaml`). Returns the object as the server
   * has it and whether the server created it (HTTP 201) rather than updated it (200).
   */
  apply(obj: KubeObject, options: ApplyRequestOptions): Promise<ApplyResponse>;
  /** Creates an object (POST). Throws with code `ALREADY_EXISTS` (status 409) if it exists. */
  create(obj: KubeObject, options?: RequestOptions & { dryRun?: boolean }): Promise<KubeObject>;
  /** Replaces an object (PUT) with optimistic concurrency on `metadata.resourceVersion` (409 -> code `CONFLICT_VERSION`). */
  replace(obj: KubeObject, options?: RequestOptions): Promise<KubeObject>;
  /** Replaces the status subresource (PUT .../status). */
  replaceStatus(obj: KubeObject, options?: RequestOptions): Promise<KubeObject>;
  /** Deletes an object; resolves `false` when it was already gone. */
  delete(ref: ObjectRef, options?: DeleteRequestOptions): Promise<boolean>;
  /**
   * Watches a kind until the signal aborts or the server ends the watch; calls `onEvent` for each
   * event. Resolves when the stream ends normally (the caller re-lists/re-watches); throws with
   * code `GONE` (410) when the resourceVersion is too old.
   */
  watch(apiVersion: string, kind: string, options: WatchOptions, onEvent: (event: WatchEvent) => void): Promise<void>;
  /** Sends a raw request and returns the parsed JSON body. */
  request<T = unknown>(request: RawRequest): Promise<T>;
  /** Counts of requests sent, by HTTP method (for benchmarks and the no-write guarantees). */
  readonly stats: Readonly<Record<string, number>>;
  /**
   * Warnings about the connection (e.g. `insecure-skip-tls-verify` in the kubeconfig), for
   * syncers to emit as `warning` events. Optional so test doubles need not provide it.
   */
  readonly warnings?: readonly ClusterWarning[];
}

import type { OutgoingHttpHeaders } from 'node:http';
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { refOf, type KubeObject, type ObjectRef } from '../core/object-ref.js';
import { OptionsError, SyncError } from '../core/sync-error.js';
import { apiStatusOf, statusToSyncError, type RequestContext } from './to-sync-error.js';
import type { ClusterWarning } from './cluster-warning.js';
import { consumeWatchStream } from './consume-watch-stream.js';
import { describeDecodeError } from './describe-decode-error.js';
import type { HttpTransport, TransportRequest } from './http-transport.js';
import { KubeObjectCodec } from './kube-object-codec.js';
import type {
  ApplyRequestOptions,
  ApplyResponse,
  DeleteRequestOptions,
  KubeClient,
  ListOptions,
  RawRequest,
  RequestOptions,
  ResourceMapping,
  WatchEvent,
  WatchOptions,
} from './kube-client.js';
import type { RestMapper } from './rest-mapper.js';
import { resourcePath } from './resource-path.js';
import { parseWatchLine } from './watch-event-codec.js';

/** One open connection to an API server, shared by the clients `Cluster.connect()` hands out. */
export interface ClusterConnection {
  readonly transport: HttpTransport;
  readonly mapper: RestMapper;
  readonly warnings: readonly ClusterWarning[];
  /** Called after any 401 (drops cached credentials or the cached connection). */
  onUnauthorized(): void;
}

const ListCodec = t.type({
  metadata: t.partial({ resourceVersion: t.string, continue: t.string }),
  items: t.array(t.unknown),
});

/** Objects per page when listing. */
const LIST_PAGE_SIZE = 500;

const APPLY_CONTENT_TYPE = 'application/apply-patch+yaml';

function signalOf(options?: RequestOptions): { signal?: AbortSignal } {
  return options?.signal ? { signal: options.signal } : {};
}

function decodeObject(value: unknown, ctx: RequestContext): KubeObject {
  const decoded = KubeObjectCodec.decode(value);
  if (isLeft(decoded)) {
    throw new SyncError('API_ERROR', `unexpected response to ${ctx.verb ?? 'request'}: ${describeDecodeError(decoded.left)}`, {
      retryable: false,
      ...(ctx.ref ? { ref: ctx.ref } : {}),
    });
  }
  return decoded.right as KubeObject;
}

/**
 * The {@link KubeClient} syncprims uses: requests built directly on node:https (keep-alive
 * pool, TLS and credentials from the kubeconfig), its own REST mapper, JSON bodies, and
 * server-side apply as `application/apply-patch+yaml`. `stats` counts the requests this
 * client sent (discovery included), by HTTP method.
 */
export class HttpKubeClient implements KubeClient {
  readonly stats: Record<string, number> = {};
  readonly server: string;
  readonly warnings: readonly ClusterWarning[];

  constructor(
    private readonly connection: ClusterConnection,
    private readonly extraHeaders: OutgoingHttpHeaders = {},
  ) {
    const { url, basePath } = connection.transport.settings;
    this.server = `${url.origin}${basePath}`;
    this.warnings = connection.warnings;
  }

  mapping(apiVersion: string, kind: string, options?: RequestOptions): Promise<ResourceMapping> {
    return this.connection.mapper.mapping(apiVersion, kind, options?.signal, undefined, (method) => this.count(method));
  }

  invalidateDiscovery(): void {
    this.connection.mapper.invalidate();
  }

  async get(ref: ObjectRef, options?: RequestOptions): Promise<KubeObject | undefined> {
    const m = await this.mapRef(ref, options);
    const ctx = this.context('get', { ref });
    try {
      const body = await this.json({ method: 'GET', path: resourcePath(m, ref.namespace, ref.name), ...signalOf(options), context: ctx });
      return decodeObject(body, ctx);
    } catch (err) {
      if (err instanceof SyncError && err.code === 'NOT_FOUND') {
        if (apiStatusOf(err)?.details?.name === undefined) throw this.resourceGone(ref, err);
        return undefined;
      }
      throw err;
    }
  }

  async list(apiVersion: string, kind: string, options: ListOptions = {}): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const m = await this.mapping(apiVersion, kind, options);
    const ctx = this.context('list', { target: `${m.resource}${options.namespace ? ` in ${options.namespace}` : ''}` });
    const items: KubeObject[] = [];
    let resourceVersion = '';
    let next: string | undefined;
    do {
      const body = await this.json({
        method: 'GET',
        path: resourcePath(m, options.namespace),
        query: { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: LIST_PAGE_SIZE, continue: next },
        ...signalOf(options),
        context: ctx,
      });
      const page = ListCodec.decode(body);
      if (isLeft(page)) throw new SyncError('API_ERROR', `unexpected response to list ${m.resource}: ${describeDecodeError(page.left)}`);
      if (resourceVersion === '') resourceVersion = page.right.metadata.resourceVersion ?? '';
      for (const item of page.right.items) {
        // List items come without apiVersion/kind.
        items.push(decodeObject(typeof item === 'object' && item !== null ? { apiVersion, kind, ...item } : item, ctx));
      }
      next = page.right.metadata.continue || undefined;
    } while (next !== undefined);
    return { items, resourceVersion };
  }

  async apply(obj: KubeObject, options: ApplyRequestOptions): Promise<ApplyResponse> {
    if (!options || typeof options.fieldManager !== 'string' || options.fieldManager === '') {
      throw new OptionsError('apply: `fieldManager` is required');
    }
    const ref = refOf(obj);
    const m = await this.mapRef(ref, options);
    const { managedFields: _managedFields, ...metadata } = obj.metadata;
    const ctx = this.context('apply', { ref, apply: true });
    const res = await this.call({
      method: 'PATCH',
      path: resourcePath(m, ref.namespace, ref.name),
      query: { fieldManager: options.fieldManager, force: options.force ? true : undefined, dryRun: options.dryRun ? 'All' : undefined },
      headers: { 'Content-Type': APPLY_CONTENT_TYPE },
      // JSON is YAML: the apply-patch content type takes it as is.
      body: JSON.stringify({ ...obj, metadata }),
      ...signalOf(options),
      context: ctx,
    });
    return { object: decodeObject(res.body, ctx), created: res.status === 201 };
  }

  async create(obj: KubeObject, options: RequestOptions & { dryRun?: boolean } = {}): Promise<KubeObject> {
    const ref = refOf(obj);
    const m = await this.mapRef(ref, options);
    const ctx = this.context('create', { ref });
    const body = await this.json({
      method: 'POST',
      path: resourcePath(m, ref.namespace),
      query: { dryRun: options.dryRun ? 'All' : undefined },
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(obj),
      ...signalOf(options),
      context: ctx,
    });
    return decodeObject(body, ctx);
  }

  replace(obj: KubeObject, options?: RequestOptions): Promise<KubeObject> {
    return this.put(obj, undefined, options);
  }

  replaceStatus(obj: KubeObject, options?: RequestOptions): Promise<KubeObject> {
    return this.put(obj, 'status', options);
  }

  async delete(ref: ObjectRef, options: DeleteRequestOptions = {}): Promise<boolean> {
    const m = await this.mapRef(ref, options);
    const deleteOptions = {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: options.propagationPolicy ?? 'Background',
      ...(options.uid ? { preconditions: { uid: options.uid } } : {}),
      ...(options.dryRun ? { dryRun: ['All'] } : {}),
    };
    try {
      await this.json({
        method: 'DELETE',
        path: resourcePath(m, ref.namespace, ref.name),
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(deleteOptions),
        ...signalOf(options),
        context: this.context('delete', { ref }),
      });
      return true;
    } catch (err) {
      if (err instanceof SyncError && err.code === 'NOT_FOUND') {
        if (apiStatusOf(err)?.details?.name === undefined) throw this.resourceGone(ref, err);
        return false;
      }
      throw err;
    }
  }

  async watch(apiVersion: string, kind: string, options: WatchOptions, onEvent: (event: WatchEvent) => void): Promise<void> {
    const m = await this.mapping(apiVersion, kind, options);
    const ctx = this.context('watch', { target: `${m.resource}${options.namespace ? ` in ${options.namespace}` : ''}` });
    const req: TransportRequest = {
      method: 'GET',
      path: resourcePath(m, options.namespace),
      query: {
        watch: 1,
        allowWatchBookmarks: true,
        resourceVersion: options.resourceVersion || undefined,
        timeoutSeconds: options.timeoutSeconds ?? 300,
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
      },
      headers: this.extraHeaders,
      ...signalOf(options),
      context: ctx,
      stream: true,
    };
    this.count('GET');
    const res = await this.connection.transport.open(req);
    const status = res.statusCode ?? 0;
    if (status !== 200) {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      throw this.httpError(status, Buffer.concat(chunks), ctx);
    }
    const parse = (line: string): WatchEvent | undefined => parseWatchLine(line, apiVersion, kind, ctx);
    return consumeWatchStream(res, parse, onEvent, this.connection.transport.settings.hostPort, options.signal);
  }

  async request<T = unknown>(request: RawRequest): Promise<T> {
    const { method, path, query, body, contentType, signal } = request;
    const hasBody = body !== undefined;
    return (await this.json({
      method,
      path,
      ...(query ? { query } : {}),
      ...(hasBody ? { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': contentType ?? 'application/json' } } : {}),
      ...(signal ? { signal } : {}),
      context: this.context(method.toLowerCase(), { target: path }),
    })) as T;
  }

  private async put(obj: KubeObject, subresource: 'status' | undefined, options?: RequestOptions): Promise<KubeObject> {
    const ref = refOf(obj);
    const m = await this.mapRef(ref, options);
    const ctx = this.context(subresource ? 'update status of' : 'update', { ref });
    const body = await this.json({
      method: 'PUT',
      path: resourcePath(m, ref.namespace, ref.name, subresource),
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(obj),
      ...signalOf(options),
      context: ctx,
    });
    return decodeObject(body, ctx);
  }

  private mapRef(ref: ObjectRef, options?: RequestOptions): Promise<ResourceMapping> {
    return this.connection.mapper.mapping(ref.apiVersion, ref.kind, options?.signal, ref, (method) => this.count(method));
  }

  /** A 404 without an object name: the resource type itself is gone (its CRD was deleted). */
  private resourceGone(ref: ObjectRef, cause: SyncError): SyncError {
    this.connection.mapper.invalidate();
    return new SyncError('UNKNOWN_KIND', `unknown kind ${ref.apiVersion}/${ref.kind}: the cluster no longer serves it`, { ref, cause });
  }

  private context(verb: string, extra: Omit<RequestContext, 'verb' | 'server'>): RequestContext {
    return { verb, server: this.connection.transport.settings.hostPort, ...extra };
  }

  private count(method: string): void {
    this.stats[method] = (this.stats[method] ?? 0) + 1;
  }

  /** Sends a request; throws the mapped error for a non-2xx status. */
  private async call(req: TransportRequest): Promise<{ status: number; body: unknown }> {
    this.count(req.method);
    const res = await this.connection.transport.send({ ...req, headers: { ...req.headers, ...this.extraHeaders } });
    if (res.status < 200 || res.status > 299) throw this.httpError(res.status, res.body, req.context);
    return { status: res.status, body: parseJson(res.body, req.context) };
  }

  private async json(req: TransportRequest): Promise<unknown> {
    return (await this.call(req)).body;
  }

  private httpError(status: number, body: Buffer, ctx: RequestContext): SyncError {
    if (status === 401) this.connection.onUnauthorized();
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      parsed = undefined;
    }
    return statusToSyncError(status, parsed, ctx);
  }
}

function parseJson(body: Buffer, ctx: RequestContext): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new SyncError('API_ERROR', `the response to ${ctx.verb ?? 'a request'} was not JSON`, { retryable: true, ...(ctx.ref ? { ref: ctx.ref } : {}) });
  }
}

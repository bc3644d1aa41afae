import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { onAbort as onAbortSignal } from '../core/on-abort.js';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Logger } from '../core/logger.js';
import { ClusterAccessError, isSyncError, SyncError } from '../core/sync-error.js';
import type { ConnectionSettings } from './connection-settings.js';
import { networkErrorToSyncError, type RequestContext } from './to-sync-error.js';

/** Tuning of the HTTP connection pool. */
export interface TransportOptions {
  /** Bound on TCP connect + TLS handshake of each new connection, in ms. */
  readonly connectTimeoutMs: number;
  /** Most concurrent connections (keep-alive sockets) to the server. */
  readonly maxSockets: number;
  readonly logger: Logger;
}

/** One request. `path` is the API path (`/api/v1/...`); the server URL's path prefix is added. */
export interface TransportRequest {
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: string | Buffer;
  readonly signal?: AbortSignal;
  /** For error messages. */
  readonly context: RequestContext;
  /**
   * A long-lived stream (a watch): sent over a separate pool without a socket limit, so
   * watches can never starve ordinary requests of connections.
   * @default false
   */
  readonly stream?: boolean;
}

/** A response read in full. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const USER_AGENT = 'syncprims';

/** Builds `path?query`, dropping `undefined` values. */
export function buildRequestPath(basePath: string, path: string, query?: TransportRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.append(key, String(value));
  }
  const qs = params.toString();
  return `${basePath}${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Sends requests to one API server over a keep-alive agent: TLS and credentials from
 * {@link ConnectionSettings}, a bounded connect (TCP + TLS handshake) and no other timeout:
 * each request's `signal` governs its lifetime. Network failures are thrown as
 * `ClusterAccessError` (`UNREACHABLE`, `TLS`); HTTP error statuses are returned, not thrown.
 */
export class HttpTransport {
  /** Requests sent, by HTTP method. */
  readonly stats: Record<string, number> = {};
  private readonly agent: http.Agent;
  private readonly streamAgent: http.Agent;
  private active = 0;
  private retired = false;

  constructor(
    readonly settings: ConnectionSettings,
    private readonly options: TransportOptions,
  ) {
    const makeAgent = (maxSockets: number): http.Agent => {
      const common = { keepAlive: true, maxSockets, scheduling: 'lifo' as const };
      return settings.tls ? new https.Agent({ ...common, ...settings.tls }) : new http.Agent(common);
    };
    this.agent = makeAgent(options.maxSockets);
    this.streamAgent = makeAgent(Infinity);
  }

  /** Sends a request and reads the whole response body. */
  async send(req: TransportRequest): Promise<TransportResponse> {
    const res = await this.open(req);
    return new Promise<TransportResponse>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const onAbort = (): void => {
        res.destroy();
        reject(req.signal?.reason);
      };
      const unsubscribe = onAbortSignal(req.signal, onAbort);
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        unsubscribe();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      const onFailure = (err: unknown): void => {
        unsubscribe();
        reject(req.signal?.aborted ? req.signal.reason : this.mapNetworkError(err, req.context));
      };
      res.on('error', onFailure);
      res.on('close', () => {
        if (!res.complete) onFailure(Object.assign(new Error('connection closed before the response was complete'), { code: 'ECONNRESET' }));
      });
    });
  }

  /**
   * Sends a request and resolves with the response as soon as its headers arrive (for
   * watches). Aborting `signal` afterwards destroys the response (and its socket) at once.
   */
  open(req: TransportRequest): Promise<IncomingMessage> {
    req.signal?.throwIfAborted();
    this.stats[req.method] = (this.stats[req.method] ?? 0) + 1;
    this.active++;
    return this.authHeaders(req).then(
      (headers) => this.attempt(req, headers, req.method !== 'POST'),
      (err: unknown) => {
        this.release();
        throw err;
      },
    );
  }

  /**
   * One try of a request. A request that fails because the server closed a reused keep-alive
   * connection just as it was sent is tried once more on a new connection when `mayRetry`
   * (the request is idempotent): that race is a property of HTTP keep-alive, not a failure.
   */
  private attempt(req: TransportRequest, headers: OutgoingHttpHeaders, mayRetry: boolean): Promise<IncomingMessage> {
    return new Promise<IncomingMessage>((resolve, reject) => {
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;
      const { url, basePath } = this.settings;
      const request = (url.protocol === 'https:' ? https : http).request({
        agent: req.stream ? this.streamAgent : this.agent,
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        method: req.method,
        path: buildRequestPath(basePath, req.path, req.query),
        headers,
      });
      const finish = (): void => {
        if (connectTimer) clearTimeout(connectTimer);
        this.release();
      };
      const fail = (err: unknown): void => {
        if (settled) return;
        settled = true;
        unsubscribe();
        finish();
        reject(err);
      };
      const onAbort = (): void => {
        request.destroy();
        fail(req.signal?.reason);
      };
      const unsubscribe = onAbortSignal(req.signal, onAbort);
      request.on('socket', (socket: Socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(() => {
          request.destroy();
          fail(
            new ClusterAccessError(
              'UNREACHABLE',
              `API server ${this.settings.hostPort} unreachable: no connection within ${this.options.connectTimeoutMs} ms (connect timeout)`,
              { retryable: true, ...(req.context.ref ? { ref: req.context.ref } : {}) },
            ),
          );
        }, this.options.connectTimeoutMs);
        socket.once(this.settings.tls ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      });
      request.on('error', (err) => {
        const code = (err as { code?: unknown }).code;
        if (!settled && mayRetry && request.reusedSocket && !req.signal?.aborted && (code === 'ECONNRESET' || code === 'EPIPE')) {
          settled = true;
          if (connectTimer) clearTimeout(connectTimer);
          unsubscribe();
          this.options.logger.debug('keep-alive connection closed by the server; sending again', { server: this.settings.hostPort });
          resolve(this.attempt(req, headers, false));
          return;
        }
        fail(req.signal?.aborted ? req.signal.reason : this.mapNetworkError(err, req.context));
      });
      request.on('response', (res) => {
        if (settled) {
          res.destroy();
          return;
        }
        settled = true;
        if (connectTimer) clearTimeout(connectTimer);
        unsubscribe();
        let released = false;
        const releaseOnce = (): void => {
          if (released) return;
          released = true;
          unsubscribeResponse();
          this.release();
        };
        const onAbortResponse = (): void => {
          res.destroy();
          request.destroy();
        };
        const unsubscribeResponse = onAbortSignal(req.signal, onAbortResponse);
        res.once('close', releaseOnce);
        resolve(res);
      });
      request.end(req.body);
    });
  }

  /** Stops reusing connections: the pool is destroyed once the requests in flight end. */
  retire(): void {
    this.retired = true;
    if (this.active === 0) this.destroyAgents();
  }

  /** Destroys the pool now, cutting requests in flight. */
  close(): void {
    this.retired = true;
    this.destroyAgents();
  }

  private destroyAgents(): void {
    this.agent.destroy();
    this.streamAgent.destroy();
  }

  private release(): void {
    this.active--;
    if (this.retired && this.active === 0) this.destroyAgents();
  }

  private async authHeaders(req: TransportRequest): Promise<OutgoingHttpHeaders> {
    const auth = await this.settings.authHeaders();
    const headers: OutgoingHttpHeaders = { 'User-Agent': USER_AGENT, Accept: 'application/json', ...auth, ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body);
    return headers;
  }

  private mapNetworkError(err: unknown, context: RequestContext): unknown {
    if (isSyncError(err)) return err;
    return (
      networkErrorToSyncError(err, this.settings.hostPort, context) ??
      new SyncError('API_ERROR', `request to ${this.settings.hostPort} failed: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
        retryable: true,
        ...(context.ref ? { ref: context.ref } : {}),
      })
    );
  }
}

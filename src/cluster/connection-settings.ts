import type { OutgoingHttpHeaders } from 'node:http';
import type { RequestOptions as HttpsRequestOptions } from 'node:https';
import type { ConnectionOptions } from 'node:tls';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeconfigError } from '../core/sync-error.js';

/** TLS material for the connection: what `kc.applyToHTTPSOptions` yields. */
export type TlsSettings = Pick<ConnectionOptions, 'ca' | 'cert' | 'key' | 'pfx' | 'passphrase' | 'rejectUnauthorized' | 'servername'>;

/** Everything needed to talk to one API server, resolved from a `KubeConfig`. */
export interface ConnectionSettings {
  /** The server URL (no credentials in it are ever printed). */
  readonly url: URL;
  /** `host:port`, for messages. */
  readonly hostPort: string;
  /** A path prefix of the server URL (e.g. behind a proxy), without trailing slash; usually `''`. */
  readonly basePath: string;
  /** `undefined` for an `http:` server. */
  readonly tls?: TlsSettings;
  /** Authentication headers for the next request (token, basic auth, `Impersonate-*` from the kubeconfig). */
  authHeaders(): Promise<OutgoingHttpHeaders>;
  /** Forgets cached dynamic credentials (after a 401). */
  resetCredentials(): void;
}

/** How long headers from exec / auth-provider plugins are reused before asking the plugin again. */
const DYNAMIC_HEADERS_TTL_MS = 5_000;

function collectHeaders(opts: HttpsRequestOptions): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [key, value] of Object.entries(opts.headers ?? {})) {
    if (value !== undefined) headers[key] = value;
  }
  if (typeof opts.auth === 'string' && opts.auth !== '' && headers['Authorization'] === undefined && headers['authorization'] === undefined) {
    headers['Authorization'] = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
  }
  return headers;
}

/** client-node throws from its agent factory after it applied credentials; those cases do not concern us. */
function isAgentFactoryError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : '';
  return message.startsWith('HTTP protocol is not allowed') || message === 'Unsupported proxy type';
}

async function applyKubeConfig(kc: KubeConfig, origin: string): Promise<HttpsRequestOptions> {
  const opts: HttpsRequestOptions = {};
  try {
    await kc.applyToHTTPSOptions(opts);
  } catch (err) {
    if (isAgentFactoryError(err)) return opts;
    const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : undefined;
    const path = typeof (err as { path?: unknown })?.path === 'string' ? (err as { path: string }).path : undefined;
    const detail = path ? `cannot read ${path}${code ? ` (${code})` : ''}` : code ? `${code}` : 'a credential plugin or file failed';
    // Plugin errors may echo the plugin's output (a token): only code and path are reported.
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: loading credentials failed: ${detail}`, { cause: err });
  }
  return opts;
}

function tlsFrom(kc: KubeConfig, opts: HttpsRequestOptions): TlsSettings {
  const cluster = kc.getCurrentCluster();
  const tls: { -readonly [K in keyof TlsSettings]: TlsSettings[K] } = {};
  // client-node 1.x skips the cluster's TLS settings when the context has no user: fill them in.
  const ca = opts.ca ?? (cluster?.caData ? Buffer.from(cluster.caData, 'base64') : undefined);
  if (ca !== undefined) tls.ca = ca;
  if (opts.cert !== undefined) tls.cert = opts.cert;
  if (opts.key !== undefined) tls.key = opts.key;
  if (opts.pfx !== undefined) tls.pfx = opts.pfx;
  if (opts.passphrase !== undefined) tls.passphrase = opts.passphrase;
  const reject = opts.rejectUnauthorized ?? (cluster?.skipTLSVerify ? false : undefined);
  if (reject !== undefined) tls.rejectUnauthorized = reject;
  const servername = opts.servername ?? cluster?.tlsServerName;
  if (servername) tls.servername = servername;
  return tls;
}

/**
 * Resolves the current context of a loaded `KubeConfig` into connection settings, using
 * client-node's public `applyToHTTPSOptions` (present in 1.x and 2.x) for TLS material and
 * credentials, so every auth method client-node supports works here too.
 *
 * Errors: `KubeconfigError` `KUBECONFIG_INVALID` when the context has no cluster, the
 * server is not an `http(s)` URL, or credentials cannot be loaded.
 */
export async function resolveConnectionSettings(kc: KubeConfig, origin: string): Promise<ConnectionSettings> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: the current context names no cluster`);
  let url: URL;
  try {
    url = new URL(cluster.server);
  } catch {
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: cluster "${cluster.name}" has no valid server URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: cluster "${cluster.name}" server must be an https:// URL`);
  }
  const first = await applyKubeConfig(kc, origin);
  const user = kc.getCurrentUser();
  const dynamic = Boolean(user?.exec || user?.authProvider);
  let headers = collectHeaders(first);
  let fetchedAt = Date.now();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return {
    url,
    hostPort: `${url.hostname}:${port}`,
    basePath: url.pathname.replace(/\/+$/, ''),
    ...(url.protocol === 'https:' ? { tls: tlsFrom(kc, first) } : {}),
    async authHeaders() {
      if (dynamic && Date.now() - fetchedAt > DYNAMIC_HEADERS_TTL_MS) {
        headers = collectHeaders(await applyKubeConfig(kc, origin));
        fetchedAt = Date.now();
      }
      return headers;
    },
    resetCredentials() {
      fetchedAt = 0;
    },
  };
}

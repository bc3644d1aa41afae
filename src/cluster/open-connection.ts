import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../core/logger.js';
import type { ClusterWarning } from './cluster-warning.js';
import { resolveConnectionSettings } from './connection-settings.js';
import type { ClusterConnection } from './http-kube-client.js';
import { HttpTransport } from './http-transport.js';
import { kubeconfigWarnings } from './kubeconfig-warnings.js';
import { discoveryPath } from './resource-path.js';
import { RestMapper, type DiscoveryFetcher, type MappingFallback } from './rest-mapper.js';
import { findCrdMapping, mayBeCustomGroup } from './find-crd-mapping.js';
import { statusToSyncError } from './to-sync-error.js';
import { SyncError } from '../core/sync-error.js';

/** Settings of a connection, from the cluster's options. */
export interface ConnectionTuning {
  readonly connectTimeoutMs: number;
  readonly maxSockets: number;
  readonly logger: Logger;
  readonly onWarning?: (warning: ClusterWarning) => void;
}

/**
 * Opens a connection for the current context of `kc`: resolves TLS and credentials, sets up
 * the keep-alive pool and a REST mapper whose discovery requests go through it. Reports the
 * kubeconfig's warnings to the logger and `onWarning`. Sends no request.
 *
 * `onUnauthorized` runs after any 401 (credentials are refreshed on the next request too).
 */
export async function openConnection(kc: KubeConfig, origin: string, tuning: ConnectionTuning, onUnauthorized: () => void = () => {}): Promise<ClusterConnection> {
  const settings = await resolveConnectionSettings(kc, origin);
  const transport = new HttpTransport(settings, tuning);
  const warnings = kubeconfigWarnings(kc, origin);
  const unauthorized = (): void => {
    settings.resetCredentials();
    onUnauthorized();
  };
  const fetchDiscovery: DiscoveryFetcher = async (group, version, signal) => {
    const path = discoveryPath(group, version);
    const context = { verb: 'discover', target: path, server: settings.hostPort };
    const res = await transport.send({ method: 'GET', path, ...(signal ? { signal } : {}), context });
    if (res.status === 404) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(res.body.toString('utf8')) as unknown;
    } catch {
      body = undefined;
    }
    if (res.status < 200 || res.status > 299) {
      if (res.status === 401) unauthorized();
      throw statusToSyncError(res.status, body, context);
    }
    if (body === undefined) throw new SyncError('API_ERROR', `discovery of ${path} on ${settings.hostPort} returned no JSON`, { retryable: true });
    return body;
  };
  const establishedCrd: MappingFallback = async (group, version, kind, signal, record) => {
    // Only for groups CRDs can serve; without the right to read CRDs there is no fallback.
    if (!mayBeCustomGroup(group)) return undefined;
    record?.('GET');
    const path = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
    const res = await transport.send({ method: 'GET', path, ...(signal ? { signal } : {}), context: { verb: 'list', target: path, server: settings.hostPort } });
    if (res.status !== 200) return undefined;
    try {
      return findCrdMapping(JSON.parse(res.body.toString('utf8')) as unknown, group, version, kind);
    } catch {
      return undefined;
    }
  };
  const mapper = new RestMapper(fetchDiscovery, establishedCrd);
  for (const warning of warnings) {
    tuning.logger.warn(warning.message, { code: warning.code });
    try {
      tuning.onWarning?.(warning);
    } catch (err) {
      tuning.logger.error('onWarning callback threw', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  tuning.logger.debug('cluster connection opened', { origin, server: settings.hostPort });
  return { transport, mapper, warnings, onUnauthorized: unauthorized };
}

import type { OutgoingHttpHeaders } from 'node:http';
import { silentLogger } from '../core/logger.js';
import { OptionsError } from '../core/sync-error.js';
import type { ClusterOptions } from './cluster-options.js';
import { impersonationHeaders } from './impersonation.js';
import type { ConnectionTuning } from './open-connection.js';

/** @see ClusterOptions.connectTimeoutMs */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** @see ClusterOptions.maxSockets */
export const DEFAULT_MAX_SOCKETS = 64;

/** Validated {@link ClusterOptions}. */
export interface ResolvedClusterOptions {
  readonly name?: string;
  readonly tuning: ConnectionTuning;
  readonly headers: OutgoingHttpHeaders;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/**
 * Checks the common options of a `Cluster` factory and fills in defaults.
 *
 * Errors: `OptionsError` naming the option and `where` (e.g. `Cluster.fromSecret`).
 */
export function validateClusterOptions(options: ClusterOptions | undefined, where: string): ResolvedClusterOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new OptionsError(`${where}: options must be an object`);
  const o = options ?? {};
  if (o.name !== undefined && (typeof o.name !== 'string' || o.name === '')) throw new OptionsError(`${where}: \`name\` must be a non-empty string`);
  if (o.connectTimeoutMs !== undefined && !isPositiveInteger(o.connectTimeoutMs)) {
    throw new OptionsError(`${where}: \`connectTimeoutMs\` must be a positive integer (milliseconds)`);
  }
  if (o.maxSockets !== undefined && !isPositiveInteger(o.maxSockets)) throw new OptionsError(`${where}: \`maxSockets\` must be a positive integer`);
  if (o.logger !== undefined && (typeof o.logger !== 'object' || o.logger === null || typeof o.logger.warn !== 'function')) {
    throw new OptionsError(`${where}: \`logger\` must implement Logger (debug, info, warn, error)`);
  }
  if (o.onWarning !== undefined && typeof o.onWarning !== 'function') throw new OptionsError(`${where}: \`onWarning\` must be a function`);
  let headers: OutgoingHttpHeaders = {};
  if (o.impersonate !== undefined) {
    try {
      headers = impersonationHeaders(o.impersonate);
    } catch (err) {
      throw new OptionsError(`${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return {
    ...(o.name !== undefined ? { name: o.name } : {}),
    tuning: {
      connectTimeoutMs: o.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      maxSockets: o.maxSockets ?? DEFAULT_MAX_SOCKETS,
      logger: o.logger ?? silentLogger,
      ...(o.onWarning ? { onWarning: o.onWarning } : {}),
    },
    headers,
  };
}

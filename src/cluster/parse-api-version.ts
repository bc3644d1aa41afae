import { SyncError } from '../core/sync-error.js';

/** A group and version, e.g. `{ group: 'apps', version: 'v1' }`; the core group is `''`. */
export interface GroupVersion {
  readonly group: string;
  readonly version: string;
}

/**
 * Splits an `apiVersion` (`v1`, `apps/v1`) into group and version.
 *
 * Errors: `UNKNOWN_KIND` when it is not of the form `version` or `group/version`.
 */
export function parseApiVersion(apiVersion: string, kind = ''): GroupVersion {
  const parts = apiVersion.split('/');
  const valid = parts.every((p) => p !== '' && !/\s/.test(p)) && (parts.length === 1 || parts.length === 2);
  if (!valid) {
    throw new SyncError('UNKNOWN_KIND', `unknown kind: "${apiVersion}" is not a valid apiVersion${kind ? ` (kind ${kind})` : ''}`);
  }
  return parts.length === 1 ? { group: '', version: parts[0]! } : { group: parts[0]!, version: parts[1]! };
}

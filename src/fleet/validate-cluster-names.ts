import { OptionsError } from '../core/sync-error.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Checks the cluster names of a fleet: at least one, DNS-1123 labels (they name folders and
 * etcd prefixes), unique, and not `etcd` (the etcd data folder).
 *
 * Errors: `OptionsError`.
 */
export function validateClusterNames(names: readonly string[]): string[] {
  if (!Array.isArray(names) || names.length === 0) throw new OptionsError('startFleet: `clusters` must name at least one cluster');
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || !DNS_LABEL.test(name)) {
      throw new OptionsError(`startFleet: cluster name ${JSON.stringify(name)} is not a DNS-1123 label (lowercase letters, digits, '-')`);
    }
    if (name === 'etcd') throw new OptionsError("startFleet: 'etcd' is reserved (the etcd data folder)");
    if (seen.has(name)) throw new OptionsError(`startFleet: cluster ${name} is listed twice`);
    seen.add(name);
  }
  return [...names];
}

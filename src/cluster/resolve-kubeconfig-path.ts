import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeconfigError } from '../core/sync-error.js';

/**
 * Finds the kubeconfig file to use, like kubectl: the first existing file of the
 * `$KUBECONFIG` list (files are not merged), else `~/.kube/config`.
 *
 * Errors: `KubeconfigError` `KUBECONFIG_INVALID` naming the paths looked at.
 */
export function resolveKubeconfigPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const list = (env['KUBECONFIG'] ?? '').split(delimiter).filter((p) => p !== '');
  if (list.length > 0) {
    const found = list.find((p) => existsSync(p));
    if (found) return found;
    throw new KubeconfigError('KUBECONFIG_INVALID', `no kubeconfig: none of the files in $KUBECONFIG exists (${list.join(delimiter)})`);
  }
  const fallback = join(home, '.kube', 'config');
  if (existsSync(fallback)) return fallback;
  throw new KubeconfigError('KUBECONFIG_INVALID', `no kubeconfig: $KUBECONFIG is not set and ${fallback} does not exist`);
}

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from '../cluster/cluster.js';
import { resolveKubeconfigPath } from '../cluster/resolve-kubeconfig-path.js';
import type { Logger } from '../core/logger.js';
import type { GlobalFlags } from './parse-cli-args.js';

/**
 * The cluster the global flags point at, like kubectl: `--kubeconfig`, else the first existing
 * file of `$KUBECONFIG`, else `~/.kube/config`, with `--context` or the current context.
 * Inside a pod with none of those (`KUBERNETES_SERVICE_HOST` set), the in-cluster
 * ServiceAccount.
 *
 * Errors: `KubeconfigError` `KUBECONFIG_INVALID` when no kubeconfig is found (exit code 2);
 * a file that cannot be read or decoded fails at the first request, with the same code.
 */
export function resolveCliCluster(global: GlobalFlags, env: Readonly<Record<string, string | undefined>>, logger?: Logger): Cluster {
  const home = env['HOME'] || homedir();
  const common = logger ? { logger } : {};
  if (global.kubeconfig === undefined && global.context === undefined && !env['KUBECONFIG'] && env['KUBERNETES_SERVICE_HOST'] && !existsSync(join(home, '.kube', 'config'))) {
    return Cluster.inCluster(common);
  }
  const path = global.kubeconfig ?? resolveKubeconfigPath(env, home);
  return Cluster.fromKubeconfig({ path, ...(global.context !== undefined ? { context: global.context } : {}), ...common });
}

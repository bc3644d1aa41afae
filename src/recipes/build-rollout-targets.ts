import { Cluster } from '../cluster/index.js';
import { OptionsError } from '../core/sync-error.js';
import { isDns1123Label } from '../manifests/index.js';
import { ProxySync, RemoteSync } from '../syncs/index.js';
import type { RolloutTarget } from './rollout-target.js';
import { DEFAULT_ROLLOUT_NAME, type RolloutCluster, type RolloutOptions } from './rollout-options.js';

const KNOWN = new Set([
  'name', 'clusters', 'source', 'strategy', 'mode', 'management', 'clusterOptions', 'namespace', 'interval', 'timeout',
  'wait', 'prune', 'force', 'targetNamespace', 'healthRules', 'dependsOn', 'onWave', 'logger',
]);

function clusterOf(where: string, options: RolloutOptions, c: RolloutCluster): Cluster {
  const hasCluster = c.cluster !== undefined;
  const hasSecret = c.secretRef !== undefined;
  if (hasCluster === hasSecret) throw new OptionsError(`${where}: cluster ${c.name} needs exactly one of \`cluster\` and \`secretRef\``);
  if (c.cluster) return c.cluster;
  if (!options.management) throw new OptionsError(`${where}: cluster ${c.name} is given by \`secretRef\`, which needs \`management\``);
  return Cluster.fromSecret(options.management, c.secretRef!, { name: c.name, ...options.clusterOptions });
}

/**
 * Builds one syncer per cluster for {@link rollout}: a ProxySync (proxy mode) maintaining the
 * Sync `<namespace>/<name>` in the cluster, or a RemoteSync (remote mode), named
 * `<name>-<cluster>` so two rollouts to the same cluster stay apart.
 *
 * Errors: throws `OptionsError` for invalid options (and the syncers' own `OptionsError`).
 */
export function buildRolloutTargets(options: RolloutOptions): RolloutTarget[] {
  if (!options || typeof options !== 'object') throw new OptionsError('rollout: options object required');
  const name = options.name ?? DEFAULT_ROLLOUT_NAME;
  if (typeof name !== 'string' || !isDns1123Label(name) || name.length > 50) {
    throw new OptionsError(`rollout: \`name\` must be a DNS-1123 label of at most 50 characters, got ${JSON.stringify(name)}`);
  }
  const where = `rollout ${JSON.stringify(name)}`;
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) throw new OptionsError(`${where}: unknown option \`${key}\``);
  const mode = options.mode ?? 'proxy';
  if (mode !== 'proxy' && mode !== 'remote') throw new OptionsError(`${where}: \`mode\` must be 'proxy' or 'remote'`);
  if (!Array.isArray(options.clusters) || options.clusters.length === 0) throw new OptionsError(`${where}: \`clusters\` must be a non-empty array`);
  if (mode === 'remote' && (options.namespace !== undefined || options.interval !== undefined)) {
    throw new OptionsError(`${where}: \`namespace\` and \`interval\` are for mode 'proxy' (a RemoteSync applies once per pass)`);
  }
  if (mode === 'proxy' && options.healthRules !== undefined) {
    throw new OptionsError(`${where}: \`healthRules\` needs mode 'remote' (in proxy mode each cluster's controller judges readiness)`);
  }
  const { logger } = options;
  const common = {
    source: options.source,
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    ...(options.prune !== undefined ? { prune: options.prune } : {}),
    ...(options.force !== undefined ? { force: options.force } : {}),
    ...(options.targetNamespace !== undefined ? { targetNamespace: options.targetNamespace } : {}),
    ...(options.management ? { management: options.management } : {}),
    ...(logger ? { logger } : {}),
  };
  return options.clusters.map((c, i): RolloutTarget => {
    if (!c || typeof c !== 'object' || typeof c.name !== 'string' || !isDns1123Label(c.name)) {
      throw new OptionsError(`${where}: clusters[${i}].name must be a DNS-1123 label`);
    }
    const cluster = clusterOf(where, options, c);
    const syncerName = `${name}-${c.name}`;
    const syncer =
      mode === 'proxy'
        ? new ProxySync({
            ...common,
            name: syncerName,
            remoteName: name,
            cluster,
            ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
            ...(options.interval !== undefined ? { interval: options.interval } : {}),
          })
        : new RemoteSync({ ...common, name: syncerName, cluster, ...(options.healthRules ? { healthRules: options.healthRules } : {}) });
    return { name: c.name, syncer, ...(c.canary ? { canary: true } : {}) };
  });
}

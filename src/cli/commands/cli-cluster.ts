import type { Cluster } from '../../cluster/cluster.js';
import type { CliContext } from '../cli-context.js';
import { resolveCliCluster } from '../resolve-cli-cluster.js';

/** The cluster of `--kubeconfig`/`--context` (see {@link resolveCliCluster}), closed when the run ends. */
export function cliCluster(ctx: CliContext): Cluster {
  return ctx.useCluster(resolveCliCluster(ctx.global, ctx.io.env, ctx.logger));
}

import { KubeConfig } from '@kubernetes/client-node';

/**
 * The kubeconfig of one context of a kubeconfig file, alone (its cluster, user and context
 * only), as JSON text (valid YAML): what goes into a cluster's kubeconfig Secret, so the
 * Secret holds the credentials of that cluster and no other.
 */
export function contextKubeconfig(path: string, context: string): string {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  const ctx = kc.getContextObject(context);
  if (!ctx) throw new Error(`${path} has no context ${context}`);
  const cluster = kc.getCluster(ctx.cluster);
  const user = ctx.user ? kc.getUser(ctx.user) : null;
  if (!cluster || !user) throw new Error(`context ${context} of ${path} lacks its cluster or user`);
  const single = new KubeConfig();
  single.loadFromOptions({ clusters: [cluster], users: [user], contexts: [{ ...ctx, name: context }], currentContext: context });
  return single.exportConfig();
}

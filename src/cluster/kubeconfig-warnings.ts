import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterWarning } from './cluster-warning.js';

/**
 * Warnings about the cluster of the current context: `insecure-skip-tls-verify: true`
 * (`INSECURE_SKIP_TLS_VERIFY`) and an unsupported `proxy-url` (`PROXY_URL_IGNORED`).
 */
export function kubeconfigWarnings(kc: KubeConfig, origin: string): ClusterWarning[] {
  const cluster = kc.getCurrentCluster();
  if (!cluster) return [];
  const warnings: ClusterWarning[] = [];
  if (cluster.skipTLSVerify) {
    warnings.push({
      code: 'INSECURE_SKIP_TLS_VERIFY',
      message: `${origin}: cluster "${cluster.name}" sets insecure-skip-tls-verify: the API server's certificate is not checked`,
    });
  }
  if (cluster.proxyUrl) {
    warnings.push({
      code: 'PROXY_URL_IGNORED',
      message: `${origin}: cluster "${cluster.name}" sets proxy-url, which syncprims does not support; connecting directly`,
    });
  }
  return warnings;
}

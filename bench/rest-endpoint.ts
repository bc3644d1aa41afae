import { Agent, type RequestOptions } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

/** A bare HTTPS connection setup to one API server: what the bare SSA loop uses. */
export interface RestEndpoint {
  /** e.g. `https://127.0.0.1:6443` */
  readonly server: URL;
  /** A keep-alive agent with the kubeconfig's TLS material. */
  readonly agent: Agent;
  /** Authentication headers from the kubeconfig (bearer token), if any. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Reads a kubeconfig's current context into a keep-alive HTTPS agent with up to `maxSockets`
 * connections. Destroy the agent when done (`endpoint.agent.destroy()`).
 */
export async function loadRestEndpoint(kubeconfigPath: string, maxSockets: number): Promise<RestEndpoint> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`${kubeconfigPath}: no current cluster`);
  const opts: RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') headers[k] = v;
  const agent = new Agent({
    keepAlive: true,
    maxSockets,
    ...(opts.ca ? { ca: opts.ca } : {}),
    ...(opts.cert ? { cert: opts.cert } : {}),
    ...(opts.key ? { key: opts.key } : {}),
    ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}),
    ...(cluster.tlsServerName ? { servername: cluster.tlsServerName } : {}),
  });
  return { server: new URL(cluster.server), agent, headers };
}

import type { KubeConfig } from '@kubernetes/client-node';
import type { ConnectionProvider } from './connection-provider.js';
import type { ClusterConnection } from './http-kube-client.js';
import { openConnection, type ConnectionTuning } from './open-connection.js';
import { raceSignal } from './race-signal.js';

/** Loads a kubeconfig: from a file, text, a `KubeConfig` object or the in-cluster environment. */
export type KubeConfigLoader = () => Promise<{ kc: KubeConfig; origin: string }>;

/**
 * A connection from a kubeconfig, opened at the first `connection()` and kept: the file is
 * read once per `Cluster`. A failed load is not kept, so fixing the file and connecting
 * again works. Credentials from plugins are refreshed by client-node as they expire.
 */
export class KubeconfigProvider implements ConnectionProvider {
  private opening: Promise<ClusterConnection> | undefined;
  private contextName: string | undefined;

  constructor(
    private readonly load: KubeConfigLoader,
    private readonly tuning: ConnectionTuning,
    private readonly placeholder: string,
  ) {}

  connection(signal?: AbortSignal): Promise<ClusterConnection> {
    if (!this.opening) {
      const opening = this.load().then(({ kc, origin }) => {
        this.contextName = kc.getCurrentContext() || undefined;
        return openConnection(kc, origin, this.tuning);
      });
      this.opening = opening;
      opening.catch(() => {
        if (this.opening === opening) this.opening = undefined;
      });
    }
    return raceSignal(this.opening, signal);
  }

  describe(): string {
    return this.contextName ?? this.placeholder;
  }

  close(): void {
    const opening = this.opening;
    this.opening = undefined;
    opening?.then((c) => c.transport.close(), () => {});
  }
}

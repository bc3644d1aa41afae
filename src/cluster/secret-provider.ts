import type { Cluster } from './cluster.js';
import type { SecretRef } from './cluster-options.js';
import type { ConnectionProvider } from './connection-provider.js';
import type { ClusterConnection } from './http-kube-client.js';
import type { KubeconfigPolicy } from './kubeconfig-policy.js';
import { loadKubeconfig } from './load-kubeconfig.js';
import { openConnection, type ConnectionTuning } from './open-connection.js';
import { raceSignal } from './race-signal.js';
import { readKubeconfigSecret, secretObjectRef } from './read-kubeconfig-secret.js';

/**
 * A connection from a kubeconfig Secret in a management cluster. Every `connection()` reads
 * the Secret again (credentials rotate); the connection is reused while the Secret's
 * resourceVersion is unchanged and dropped after a 401.
 */
export class SecretProvider implements ConnectionProvider {
  private cached: { rv: string; connection: ClusterConnection } | undefined;
  private building: { rv: string; promise: Promise<ClusterConnection> } | undefined;

  constructor(
    private readonly mgmt: Cluster,
    private readonly ref: SecretRef,
    private readonly policy: KubeconfigPolicy,
    private readonly tuning: ConnectionTuning,
    private readonly displayName: string,
  ) {}

  async connection(signal?: AbortSignal): Promise<ClusterConnection> {
    const mgmtClient = await this.mgmt.connect(signal ? { signal } : {});
    const secret = await readKubeconfigSecret(mgmtClient, this.ref, this.mgmt.name, signal);
    const rv = secret.resourceVersion;
    if (this.cached && this.cached.rv === rv && rv !== '') return this.cached.connection;
    if (this.building && this.building.rv === rv && rv !== '') return raceSignal(this.building.promise, signal);

    const origin = `kubeconfig in Secret ${this.ref.namespace}/${this.ref.name} (key "${secret.key}")`;
    if (this.cached) this.tuning.logger.info('kubeconfig Secret changed: opening a new connection', { secret: `${this.ref.namespace}/${this.ref.name}`, resourceVersion: rv });
    const promise = (async (): Promise<ClusterConnection> => {
      const kc = loadKubeconfig(secret.text, origin, { policy: this.policy, ref: secretObjectRef(this.ref) });
      const connection: ClusterConnection = await openConnection(kc, origin, this.tuning, () => this.drop(connection));
      const previous = this.cached;
      this.cached = { rv, connection };
      if (previous && previous.connection !== connection) previous.connection.transport.retire();
      return connection;
    })();
    const building = { rv, promise };
    this.building = building;
    const clear = (): void => {
      if (this.building === building) this.building = undefined;
    };
    promise.then(clear, clear);
    return raceSignal(promise, signal);
  }

  describe(): string {
    return this.displayName;
  }

  close(): void {
    this.cached?.connection.transport.close();
    this.cached = undefined;
  }

  /** After a 401: forget the connection, so the next `connection()` builds a new one. */
  private drop(connection: ClusterConnection): void {
    if (this.cached?.connection !== connection) return;
    this.cached = undefined;
    connection.transport.retire();
    this.tuning.logger.info('credentials from the kubeconfig Secret were refused (401): the connection is dropped', {
      secret: `${this.ref.namespace}/${this.ref.name}`,
    });
  }
}

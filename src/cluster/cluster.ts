import { readFile } from 'node:fs/promises';
import type { OutgoingHttpHeaders } from 'node:http';
import { dirname } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeconfigError, OptionsError } from '../core/sync-error.js';
import type {
  ConnectOptions,
  FromKubeConfigObjectOptions,
  FromKubeconfigOptions,
  FromSecretOptions,
  InClusterOptions,
  SecretRef,
} from './cluster-options.js';
import type { ClusterOrigin } from './cluster-origin.js';
import type { ConnectionProvider } from './connection-provider.js';
import { HttpKubeClient } from './http-kube-client.js';
import { impersonationHeaders, type Impersonation } from './impersonation.js';
import type { KubeClient } from './kube-client.js';
import { KubeconfigProvider } from './kubeconfig-provider.js';
import { loadKubeconfig } from './load-kubeconfig.js';
import { resolveKubeconfigPath } from './resolve-kubeconfig-path.js';
import { SecretProvider } from './secret-provider.js';
import { validateClusterOptions } from './validate-cluster-options.js';

const FROM_KUBECONFIG_KEYS = new Set(['path', 'yaml', 'context', 'name', 'connectTimeoutMs', 'maxSockets', 'impersonate', 'logger', 'onWarning']);

function describeIdentity(headers: OutgoingHttpHeaders): string {
  const user = headers['Impersonate-User'];
  return typeof user === 'string' ? ` as ${user}` : '';
}

/**
 * One Kubernetes cluster: where its credentials come from, and the connection (keep-alive
 * pool, discovery cache, REST mapper) built from them. Every syncer takes a `Cluster`.
 *
 * Making a `Cluster` is cheap and synchronous: nothing is read and nothing is sent until
 * {@link Cluster.connect}. Bad options throw `OptionsError` at once; an unreadable or
 * invalid kubeconfig rejects `connect()` with `KubeconfigError` (`KUBECONFIG_INVALID`).
 *
 * @example
 * ```ts
 * import { Cluster } from 'syncprims';
 *
 * const mgmt = Cluster.fromKubeconfig({ context: 'mgmt' });
 * const edge = Cluster.fromSecret(mgmt, { namespace: 'fleet', name: 'edge-1-kubeconfig' });
 * const client = await edge.connect({ signal: AbortSignal.timeout(30_000) });
 * const cm = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'app' });
 * console.log(edge.name, cm?.metadata.resourceVersion, client.warnings);
 * ```
 */
export class Cluster {
  private constructor(
    private readonly provider: ConnectionProvider,
    private readonly fixedName: string | undefined,
    private readonly headers: OutgoingHttpHeaders,
    /** Where the credentials come from (for `fromSecret`: the management cluster and the Secret). */
    readonly origin: ClusterOrigin,
  ) {}

  /**
   * A cluster from a kubeconfig file or text: `path`, else `yaml`, else the first existing
   * file of `$KUBECONFIG` (the list is not merged), else `~/.kube/config`. The file is read at
   * the first `connect()` and kept; relative file paths in it resolve against its directory.
   * Exec plugins and file references are allowed: this is your own kubeconfig.
   *
   * Errors: `OptionsError` for bad options (e.g. both `path` and `yaml`); at `connect()`,
   * `KubeconfigError` `KUBECONFIG_INVALID` (missing file, not YAML, not a kubeconfig with the
   * field path, no current context, unknown `context`).
   *
   * @example
   * ```ts
   * import { Cluster } from 'syncprims';
   * const cluster = Cluster.fromKubeconfig({ path: 'mgmt.kubeconfig', context: 'admin@mgmt', connectTimeoutMs: 5_000 });
   * ```
   */
  static fromKubeconfig(options: FromKubeconfigOptions = {}): Cluster {
    const where = 'Cluster.fromKubeconfig';
    const resolved = validateClusterOptions(options, where);
    for (const key of Object.keys(options)) {
      if (!FROM_KUBECONFIG_KEYS.has(key)) throw new OptionsError(`${where}: unknown option \`${key}\``);
    }
    const { path, yaml, context } = options;
    if (path !== undefined && yaml !== undefined) throw new OptionsError(`${where}: give \`path\` or \`yaml\`, not both`);
    if (path !== undefined && (typeof path !== 'string' || path === '')) throw new OptionsError(`${where}: \`path\` must be a non-empty string`);
    if (yaml !== undefined && typeof yaml !== 'string') throw new OptionsError(`${where}: \`yaml\` must be a string`);
    if (context !== undefined && (typeof context !== 'string' || context === '')) throw new OptionsError(`${where}: \`context\` must be a non-empty string`);
    const contextOpt = context !== undefined ? { context } : {};
    const load = async (): Promise<{ kc: KubeConfig; origin: string }> => {
      if (yaml !== undefined) {
        const origin = 'kubeconfig (yaml option)';
        return { kc: loadKubeconfig(yaml, origin, contextOpt), origin };
      }
      const file = path ?? resolveKubeconfigPath();
      const origin = `kubeconfig ${file}`;
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: cannot read the file${typeof code === 'string' ? ` (${code})` : ''}`, { cause: err });
      }
      return { kc: loadKubeconfig(text, origin, { ...contextOpt, baseDir: dirname(file) }), origin };
    };
    const placeholder = context ?? (yaml !== undefined ? 'kubeconfig' : `kubeconfig ${path ?? '(default)'}`);
    const origin: ClusterOrigin = { kind: 'kubeconfig', ...(path !== undefined ? { path } : {}), ...contextOpt };
    return new Cluster(new KubeconfigProvider(load, resolved.tuning, placeholder), resolved.name, resolved.headers, origin);
  }

  /**
   * A cluster from a client-node `KubeConfig` you loaded yourself (its current context, as
   * it is at the first `connect()`).
   *
   * Errors: `OptionsError` when `kc` is not a `KubeConfig`.
   *
   * @example
   * ```ts
   * import { KubeConfig } from '@kubernetes/client-node';
   * import { Cluster } from 'syncprims';
   * const kc = new KubeConfig();
   * kc.loadFromDefault();
   * const cluster = Cluster.fromKubeConfig(kc, { name: 'mgmt' });
   * ```
   */
  static fromKubeConfig(kc: KubeConfig, options: FromKubeConfigObjectOptions = {}): Cluster {
    const where = 'Cluster.fromKubeConfig';
    if (typeof kc !== 'object' || kc === null || typeof (kc as { getCurrentCluster?: unknown }).getCurrentCluster !== 'function') {
      throw new OptionsError(`${where}: expected a KubeConfig from @kubernetes/client-node`);
    }
    const resolved = validateClusterOptions(options, where);
    const origin = 'KubeConfig object';
    const load = (): Promise<{ kc: KubeConfig; origin: string }> => {
      if (!kc.getCurrentContext()) return Promise.reject(new KubeconfigError('KUBECONFIG_INVALID', `${origin}: no current context`));
      return Promise.resolve({ kc, origin });
    };
    const placeholder = kc.getCurrentContext() || 'kubeconfig';
    return new Cluster(new KubeconfigProvider(load, resolved.tuning, placeholder), resolved.name, resolved.headers, { kind: 'kubeconfig-object' });
  }

  /**
   * The cluster this process runs in, through its ServiceAccount (token file re-read as it
   * rotates, `KUBERNETES_SERVICE_HOST`/`_PORT`).
   *
   * Errors: at `connect()`, `KubeconfigError` `KUBECONFIG_INVALID` when not running in a pod.
   *
   * @example
   * ```ts
   * import { Cluster } from 'syncprims';
   * const local = Cluster.inCluster();
   * ```
   */
  static inCluster(options: InClusterOptions = {}): Cluster {
    const resolved = validateClusterOptions(options, 'Cluster.inCluster');
    const load = (): Promise<{ kc: KubeConfig; origin: string }> => {
      const origin = 'in-cluster config';
      if (!process.env['KUBERNETES_SERVICE_HOST'] || !process.env['KUBERNETES_SERVICE_PORT']) {
        return Promise.reject(
          new KubeconfigError('KUBECONFIG_INVALID', `${origin}: not running in a cluster (KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set)`),
        );
      }
      const kc = new KubeConfig();
      kc.loadFromCluster();
      return Promise.resolve({ kc, origin });
    };
    return new Cluster(new KubeconfigProvider(load, resolved.tuning, 'in-cluster'), resolved.name ?? 'in-cluster', resolved.headers, { kind: 'in-cluster' });
  }

  /**
   * A cluster reached through a kubeconfig Secret in a management cluster (Cluster API
   * writes `<cluster>-kubeconfig` with key `value`). Lazy: each `connect()` reads the Secret
   * through `mgmt` again, so rotated credentials are picked up; the connection is reused
   * while the Secret's resourceVersion is unchanged and dropped after a 401.
   *
   * Secure by default: a kubeconfig with `exec` or `auth-provider` plugins is refused unless
   * `allowExec`, one referring to local files (`certificate-authority`, `client-certificate`,
   * `client-key`, `tokenFile`) unless `allowFileRefs`. `insecure-skip-tls-verify` is reported
   * as a warning (`onWarning` and the client's `warnings`). Secret values never appear in
   * errors or logs.
   *
   * Errors at `connect()`: `KubeconfigError` with `SECRET_NOT_FOUND` (retryable),
   * `SECRET_KEY_MISSING` (names the keys tried and present), `KUBECONFIG_INVALID` (with the
   * field path), `KUBECONFIG_NOT_ALLOWED` (names the field and the opt-in); the management
   * cluster's own errors (`FORBIDDEN` reading the Secret, `UNREACHABLE`, ...).
   *
   * @example
   * ```ts
   * import { Cluster } from 'syncprims';
   * const mgmt = Cluster.fromKubeconfig();
   * const edge = Cluster.fromSecret(mgmt, { namespace: 'fleet', name: 'edge-1-kubeconfig' }, {
   *   onWarning: (w) => console.warn(w.code, w.message),
   * });
   * ```
   */
  static fromSecret(mgmt: Cluster, ref: SecretRef, options: FromSecretOptions = {}): Cluster {
    const where = 'Cluster.fromSecret';
    if (!(mgmt instanceof Cluster)) throw new OptionsError(`${where}: \`mgmt\` must be a Cluster`);
    if (typeof ref !== 'object' || ref === null) throw new OptionsError(`${where}: expected { namespace, name, key? }`);
    for (const field of ['namespace', 'name'] as const) {
      if (typeof ref[field] !== 'string' || ref[field] === '') throw new OptionsError(`${where}: \`${field}\` must be a non-empty string`);
    }
    if (ref.key !== undefined && (typeof ref.key !== 'string' || ref.key === '')) throw new OptionsError(`${where}: \`key\` must be a non-empty string`);
    const resolved = validateClusterOptions(options, where);
    for (const flag of ['allowExec', 'allowFileRefs'] as const) {
      if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw new OptionsError(`${where}: \`${flag}\` must be a boolean`);
    }
    const name = resolved.name ?? `secret ${ref.namespace}/${ref.name}`;
    const secretRef: SecretRef = { namespace: ref.namespace, name: ref.name, ...(ref.key !== undefined ? { key: ref.key } : {}) };
    const policy = { allowExec: options.allowExec ?? false, allowFileRefs: options.allowFileRefs ?? false };
    const origin: ClusterOrigin = { kind: 'secret', management: mgmt, secret: Object.freeze({ ...secretRef }) };
    return new Cluster(new SecretProvider(mgmt, secretRef, policy, resolved.tuning, name), name, resolved.headers, origin);
  }

  /** A display name: the `name` option, the context name, `in-cluster` or `secret <namespace>/<name>`, plus ` as <user>` when impersonating. */
  get name(): string {
    return `${this.fixedName ?? this.provider.describe()}${describeIdentity(this.headers)}`;
  }

  /**
   * Returns a client for this cluster. For `fromSecret`, reads the Secret again; otherwise
   * reuses the connection opened by the first call. Resolves credentials (running a
   * credential plugin if the kubeconfig has one) but sends no request to the cluster
   * itself: reachability shows at the first request. Each call returns a new client view
   * with its own `stats`, over the shared connection pool and discovery cache.
   *
   * Errors: see the factory used; the signal's reason when `signal` aborts.
   */
  async connect(options: ConnectOptions = {}): Promise<KubeClient> {
    if (typeof options !== 'object' || options === null) throw new OptionsError('Cluster.connect: options must be an object');
    options.signal?.throwIfAborted();
    const connection = await this.provider.connection(options.signal);
    return new HttpKubeClient(connection, this.headers);
  }

  /**
   * A view of this cluster acting as another user or ServiceAccount (`Impersonate-User`
   * headers); it shares this cluster's credentials, connection pool and discovery cache.
   *
   * Errors: `OptionsError` for an invalid identity.
   *
   * @example
   * ```ts
   * import { Cluster } from 'syncprims';
   * const mgmt = Cluster.fromKubeconfig();
   * const asDeployer = mgmt.impersonate({ serviceAccount: { namespace: 'team-a', name: 'deployer' } });
   * console.log(asDeployer.name); // e.g. 'mgmt as system:serviceaccount:team-a:deployer'
   * ```
   */
  impersonate(identity: Impersonation): Cluster {
    return new Cluster(this.provider, this.fixedName, impersonationHeaders(identity), this.origin);
  }

  /** Closes the connection pool (in-flight requests are cut). The next `connect()` opens a new one. */
  close(): void {
    this.provider.close();
  }
}


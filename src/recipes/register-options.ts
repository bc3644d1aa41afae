import type { Cluster, FromSecretOptions, SecretRef } from '../cluster/index.js';
import type { Logger } from '../core/logger.js';
import type { Syncer } from '../core/syncer.js';
import { OptionsError } from '../core/sync-error.js';
import type { InstallOptions } from '../api/install-options.js';
import type { Source } from '../manifests/index.js';
import { isDns1123Label } from '../manifests/index.js';

/** Options of {@link register}. */
export interface RegisterOptions {
  /** The management cluster: holds the downstream cluster's kubeconfig Secret. */
  management: Cluster;
  /** The kubeconfig Secret of the downstream cluster, in the management cluster (Cluster API writes `<cluster>-kubeconfig`, key `value`). */
  secretRef: SecretRef;
  /**
   * The downstream cluster's name: names the dag `register-<name>` and its steps
   * `<name>-install` and `<name>-base`. A DNS-1123 label.
   */
  name: string;
  /**
   * The cluster's base configuration (namespaces, quotas, policies...), kept in the downstream
   * cluster by a ProxySync: the downstream controller keeps applying it even while the
   * management cluster is away.
   * @default undefined (no base step)
   */
  base?: Source;
  /** Options of the install manifests: namespace, image, replicas, clusterWideApply. @default {} (see `InstallOptions`) */
  installOptions?: InstallOptions;
  /**
   * Apply the controller Deployment in the downstream cluster. `false` when its controller runs
   * elsewhere (e.g. a local process pointed at it); the CRDs, Namespace and RBAC are still installed.
   * @default true
   */
  controller?: boolean;
  /** The namespace of the remote `Sync` holding the base configuration. @default the install namespace (`syncprims-system`) */
  baseNamespace?: string;
  /** How often the downstream controller re-applies the base configuration (drift correction), in milliseconds. @default 600000 (10 minutes) */
  interval?: number;
  /** Readiness budget of each step, in milliseconds. @default 300000 (5 minutes) */
  timeout?: number;
  /** Wait for the installation to be ready (CRDs established, the controller Deployment available). @default true */
  wait?: boolean;
  /**
   * How the kubeconfig Secret may be used: `allowExec`, `allowFileRefs`, `connectTimeoutMs`...
   * (see `Cluster.fromSecret`).
   * @default {} (no exec plugins, no local files)
   */
  clusterOptions?: FromSecretOptions;
  /** Syncers the registration depends on when nested in another dag (e.g. the one writing the Secret). @default [] */
  dependsOn?: readonly Syncer[];
  /** Where diagnostics of the steps go. @default a silent logger */
  logger?: Logger;
}

/** Validates {@link RegisterOptions}; throws `OptionsError` naming the field. */
export function validateRegisterOptions(options: RegisterOptions): void {
  if (!options || typeof options !== 'object') throw new OptionsError('register: options object required');
  const { name } = options;
  if (typeof name !== 'string' || !isDns1123Label(name) || name.length > 50) {
    throw new OptionsError(`register: \`name\` must be a DNS-1123 label of at most 50 characters, got ${JSON.stringify(name)}`);
  }
  const where = `register ${name}`;
  if (!options.management || typeof (options.management as { connect?: unknown }).connect !== 'function') {
    throw new OptionsError(`${where}: \`management\` must be a Cluster`);
  }
  const ref = options.secretRef as Partial<SecretRef> | undefined;
  if (!ref || typeof ref !== 'object' || typeof ref.namespace !== 'string' || typeof ref.name !== 'string') {
    throw new OptionsError(`${where}: \`secretRef\` must be { namespace, name, key? }`);
  }
  if (options.base !== undefined && typeof (options.base as { load?: unknown }).load !== 'function') {
    throw new OptionsError(`${where}: \`base\` must be a Source (Source.files(), Source.yaml(), Source.objects())`);
  }
  for (const field of ['controller', 'wait'] as const) {
    if (options[field] !== undefined && typeof options[field] !== 'boolean') throw new OptionsError(`${where}: \`${field}\` must be a boolean`);
  }
  for (const field of ['interval', 'timeout'] as const) {
    const value = options[field];
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      throw new OptionsError(`${where}: \`${field}\` must be a positive whole number of milliseconds`);
    }
  }
}

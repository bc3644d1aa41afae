import type { Cluster } from '../cluster/index.js';
import type { Logger } from '../core/logger.js';
import type { Syncer } from '../core/syncer.js';
import { OptionsError } from '../core/sync-error.js';
import type { InstallOptions } from '../api/install-options.js';
import { isDns1123Label } from '../manifests/index.js';

/** The name of a {@link bootstrap} dag, and of its Sync custom resource, when none is given. */
export const DEFAULT_BOOTSTRAP_NAME = 'syncprims';

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  /** The management cluster to install syncprims into. */
  cluster: Cluster;
  /**
   * Names the dag (its result), prefixes its steps (`<name>-crds`, `<name>-controller`,
   * `<name>-self`) and names the self-managing `Sync` custom resource. A DNS-1123 label.
   * @default 'syncprims'
   */
  name?: string;
  /** Options of the install manifests: namespace, image, replicas, clusterWideApply. @default {} (see `InstallOptions`) */
  installOptions?: InstallOptions;
  /**
   * Apply the controller Deployment. `false` when the controller runs elsewhere (a local
   * process, another cluster): the CRDs, the Namespace and the RBAC are still installed.
   * @default true
   */
  controller?: boolean;
  /**
   * Hand the installation over to a `Sync` custom resource `<namespace>/<name>` whose
   * `spec.source.inline` holds the same manifests, so the controller keeps syncprims itself in
   * sync (drift correction every `interval`). With `false`, the SDK syncs own the installation.
   * @default true
   */
  selfManage?: boolean;
  /** How often the self-managing Sync resource re-applies the installation, in milliseconds. @default 600000 (10 minutes) */
  interval?: number;
  /**
   * Readiness budget of each step, in milliseconds (also the Sync resource's own `timeout`).
   * @default 300000 (5 minutes)
   */
  timeout?: number;
  /**
   * Wait for readiness at each step: CRDs established, the controller Deployment available,
   * the Sync resource `Ready` at its generation (so the pass ends only once the controller
   * took over). `false` applies and moves on.
   * @default true
   */
  wait?: boolean;
  /** Syncers the bootstrap dag depends on when nested in another dag. @default [] */
  dependsOn?: readonly Syncer[];
  /** Where diagnostics of the steps go. @default a silent logger */
  logger?: Logger;
}

/** Validates {@link BootstrapOptions}; throws `OptionsError` naming the field. */
export function validateBootstrapOptions(options: BootstrapOptions): void {
  if (!options || typeof options !== 'object') throw new OptionsError('bootstrap: options object required');
  const name = options.name ?? DEFAULT_BOOTSTRAP_NAME;
  if (typeof name !== 'string' || !isDns1123Label(name) || name.length > 50) {
    throw new OptionsError(`bootstrap: \`name\` must be a DNS-1123 label of at most 50 characters, got ${JSON.stringify(name)}`);
  }
  if (!options.cluster || typeof (options.cluster as { connect?: unknown }).connect !== 'function') {
    throw new OptionsError('bootstrap: `cluster` must be a Cluster (Cluster.fromKubeconfig(), ...)');
  }
  for (const field of ['controller', 'selfManage', 'wait'] as const) {
    if (options[field] !== undefined && typeof options[field] !== 'boolean') throw new OptionsError(`bootstrap: \`${field}\` must be a boolean`);
  }
  for (const field of ['interval', 'timeout'] as const) {
    const value = options[field];
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      throw new OptionsError(`bootstrap: \`${field}\` must be a positive whole number of milliseconds`);
    }
  }
}

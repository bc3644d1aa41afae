import { Cluster } from '../cluster/index.js';
import { Dag } from '../graph/index.js';
import { ProxySync, RemoteSync } from '../syncs/index.js';
import { Source } from '../manifests/index.js';
import { resolveInstallOptions } from '../api/install-options.js';
import { buildInstallSet } from './install-set.js';
import { validateRegisterOptions, type RegisterOptions } from './register-options.js';

const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * Registers a downstream cluster with a management cluster. Returns a dag `register-<name>`:
 *
 * 1. `<name>-install`: a `RemoteSync` (through the kubeconfig Secret `secretRef`) that installs
 *    the CRDs, the Namespace, the RBAC and the controller Deployment into the downstream
 *    cluster, and waits until they are ready;
 * 2. `<name>-base` (with `base`, depends on 1): a `ProxySync` that maintains the `Sync`
 *    `<baseNamespace>/base` in the downstream cluster with the base configuration, and waits
 *    until the downstream controller reports it Ready. That controller keeps applying it on
 *    its own, also while the management cluster is down.
 *
 * The installation is owned by the management cluster (the RemoteSync's identity carries the
 * management cluster's id), so two management clusters registering the same cluster never
 * prune each other's objects; the base Sync refuses (`CONFLICT`) to be taken over by another
 * management cluster's ProxySync.
 *
 * Errors: throws `OptionsError` for invalid options. `sync()` resolves like any dag: the
 * kubeconfig Secret's errors (`SECRET_NOT_FOUND`, `KUBECONFIG_NOT_ALLOWED`...), `UNREACHABLE`,
 * and `blocked by <name>-install: ...` for the base step.
 *
 * @example
 * ```ts
 * import { Cluster, Source, register } from 'syncprims';
 *
 * const mgmt = Cluster.fromKubeconfig({ context: 'mgmt' });
 * const edge1 = register({
 *   management: mgmt,
 *   name: 'edge-1',
 *   secretRef: { namespace: 'fleet', name: 'edge-1-kubeconfig' },
 *   base: Source.files('clusters/base'),
 * });
 * const result = await edge1.sync({ signal: AbortSignal.timeout(600_000) });
 * console.log(result.name, result.state, result.message); // register-edge-1 ready 2/2 ready
 * ```
 */
export function register(options: RegisterOptions): Dag {
  validateRegisterOptions(options);
  const { name, management, logger } = options;
  const install = resolveInstallOptions(options.installOptions);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const set = buildInstallSet(install, options.controller ?? true);
  const cluster = Cluster.fromSecret(management, options.secretRef, { name, ...options.clusterOptions });
  const installStep = new RemoteSync({
    name: `${name}-install`,
    cluster,
    management,
    source: Source.objects([...set.crds, ...set.system], `syncprims installation for ${name}`),
    timeout,
    wait: options.wait ?? true,
    inventoryNamespace: install.namespace,
    ...(logger ? { logger } : {}),
  });
  const last = options.base
    ? new ProxySync({
        name: `${name}-base`,
        remoteName: 'base',
        cluster,
        management,
        namespace: options.baseNamespace ?? install.namespace,
        source: options.base,
        timeout,
        ...(options.interval !== undefined ? { interval: options.interval } : {}),
        dependsOn: [installStep],
        ...(logger ? { logger } : {}),
      })
    : installStep;
  return new Dag([last], { name: `register-${name}`, ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}), ...(logger ? { logger } : {}) });
}

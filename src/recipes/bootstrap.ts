import { Dag } from '../graph/index.js';
import { Sync } from '../syncs/index.js';
import { Source } from '../manifests/index.js';
import { resolveInstallOptions } from '../api/install-options.js';
import type { OwnerIdentity } from '../apply/owner-identity.js';
import { buildInstallSet } from './install-set.js';
import { buildSelfSync } from './build-self-sync.js';
import { DEFAULT_BOOTSTRAP_NAME, validateBootstrapOptions, type BootstrapOptions } from './bootstrap-options.js';

const DEFAULT_INTERVAL_MS = 600_000;
const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * Installs syncprims into a management cluster and (by default) hands the installation over to
 * the controller, so the system keeps itself in sync. Returns a dag `<name>` of three `Sync`s:
 *
 * 1. `<name>-crds`: the CustomResourceDefinitions (waits until Established);
 * 2. `<name>-controller` (depends on 1): the Namespace, RBAC and the controller Deployment
 *    (the Deployment is left out with `controller: false`);
 * 3. `<name>-self` (depends on 2, with `selfManage`): applies the `Sync` custom resource
 *    `<namespace>/<name>` whose `spec.source.inline` holds the manifests of 1 and 2, and waits
 *    until the controller reports it `Ready` at its generation.
 *
 * Ownership hand-over: with `selfManage`, steps 1 and 2 apply *on behalf of* the custom
 * resource: they stamp its ownership identity (`Sync <namespace>/<name>`, the label the
 * controller stamps) and record the objects in its inventory, with `prune: false` so neither
 * removes what the other added. The controller's first reconcile therefore finds every object
 * already owned and unchanged, and writes nothing: no second owner, no label flapping, no
 * conflict (same field manager). From then on only the resource prunes: an upgrade that drops
 * an object (bootstrap run again with newer manifests) removes it once the controller
 * reconciles the new generation. The resource has `deletionPolicy: Orphan`: deleting it stops
 * self-management and leaves syncprims installed. Without `selfManage`, steps 1 and 2 own
 * their objects under their own names and prune normally.
 *
 * Re-running `bootstrap` is an upgrade: same steps, new manifests. `delete()` uninstalls:
 * the resource first (orphaning), then everything in the shared inventory.
 *
 * Errors: throws `OptionsError` for invalid options. `sync()` resolves like any dag: a
 * failed step blocks the next ones (`blocked by syncprims-crds: ...`). With `controller: false`
 * and no controller running anywhere, step 3 ends `timeout` (nothing reconciles the resource).
 *
 * @example
 * ```ts
 * import { Cluster, bootstrap } from 'syncprims';
 *
 * const mgmt = Cluster.fromKubeconfig({ context: 'mgmt' });
 * const result = await bootstrap({ cluster: mgmt, installOptions: { replicas: 2 } }).sync({ signal: AbortSignal.timeout(600_000) });
 * for (const step of result.children ?? []) console.log(step.name, step.state, step.message);
 * ```
 */
export function bootstrap(options: BootstrapOptions): Dag {
  validateBootstrapOptions(options);
  const name = options.name ?? DEFAULT_BOOTSTRAP_NAME;
  const { cluster, logger } = options;
  const install = resolveInstallOptions(options.installOptions);
  const controller = options.controller ?? true;
  const selfManage = options.selfManage ?? true;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const wait = options.wait ?? true;
  const set = buildInstallSet(install, controller);

  // With self-management the SDK steps seed the custom resource's ownership: see above.
  const identity: OwnerIdentity = { kind: 'Sync', namespace: install.namespace, name };
  const seed = selfManage ? { ownerIdentity: identity, inventoryNamespace: install.namespace, prune: false } : { inventoryNamespace: install.namespace };
  const common = { cluster, timeout, wait, ...(logger ? { logger } : {}) };

  const crds = new Sync({ ...common, ...seed, name: `${name}-crds`, source: Source.objects(set.crds, 'syncprims CRDs') });
  const system = new Sync({
    ...common,
    ...seed,
    name: `${name}-controller`,
    source: Source.objects(set.system, controller ? 'syncprims controller and RBAC' : 'syncprims RBAC'),
    dependsOn: [crds],
  });
  const last = selfManage
    ? new Sync({
        ...common,
        name: `${name}-self`,
        inventoryNamespace: install.namespace,
        source: Source.objects(
          [buildSelfSync({ name, namespace: install.namespace, objects: [...set.crds, ...set.system], interval: options.interval ?? DEFAULT_INTERVAL_MS, timeout, wait })],
          'syncprims self-management',
        ),
        dependsOn: [system],
      })
    : system;
  return new Dag([last], { name, ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}), ...(logger ? { logger } : {}) });
}

import type { KubeObject } from '../core/object-ref.js';
import { syncprimsCrds } from '../api/crds.js';
import { buildControllerManifests } from '../api/controller-manifests.js';
import { buildRbacManifests } from '../api/rbac-manifests.js';
import type { InstallOptions } from '../api/install-options.js';

/** The install manifests of syncprims in the two parts the recipes apply one after the other. */
export interface InstallSet {
  /** The three CustomResourceDefinitions. */
  readonly crds: readonly KubeObject[];
  /** The controller Namespace, RBAC and (unless left out) the controller Deployment. */
  readonly system: readonly KubeObject[];
}

/**
 * Splits the install manifests (`buildInstallManifests`) into the CRDs and the rest. With
 * `controller: false` the controller Deployment is left out (the controller runs elsewhere:
 * as a local process, in another cluster); its Namespace and RBAC stay.
 *
 * Errors: throws `OptionsError` for invalid install options.
 */
export function buildInstallSet(options: InstallOptions = {}, controller = true): InstallSet {
  const controllerManifests = buildControllerManifests(options).filter((o) => controller || o.kind !== 'Deployment');
  return { crds: syncprimsCrds(), system: [...controllerManifests, ...buildRbacManifests(options)] };
}

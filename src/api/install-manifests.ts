import type { KubeObject } from '../core/object-ref.js';
import { syncprimsCrds } from './crds.js';
import { buildRbacManifests } from './rbac-manifests.js';
import { buildControllerManifests } from './controller-manifests.js';
import type { InstallOptions } from './install-options.js';

/**
 * Everything that installs syncprims into a cluster: the CRDs, the Namespace, RBAC and the
 * controller Deployment (the contents of `deploy/`). Apply them with a Sync or, to register a
 * downstream cluster, a RemoteSync; staged apply puts the CRDs and the Namespace first.
 *
 * Errors: throws `OptionsError` for invalid options (a namespace that is not a DNS label, an empty image, bad replicas).
 *
 * @example
 * ```ts
 * import { Cluster, RemoteSync, Source, buildInstallManifests } from 'syncprims';
 * const mgmt = Cluster.fromKubeconfig({});
 * const edge = Cluster.fromSecret(mgmt, { namespace: 'fleet', name: 'edge-1-kubeconfig' });
 * const install = new RemoteSync({ name: 'install', cluster: edge, source: Source.objects(buildInstallManifests()) });
 * ```
 */
export function buildInstallManifests(options: InstallOptions = {}): KubeObject[] {
  return [...syncprimsCrds(), ...buildControllerManifests(options), ...buildRbacManifests(options)];
}

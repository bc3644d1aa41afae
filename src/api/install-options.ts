import { OptionsError } from '../core/sync-error.js';
import { DNS_LABEL_MAX, DNS_LABEL_PATTERN } from './name-patterns.js';

/** The controller image of this release. A unit test keeps its tag equal to the package version. */
export const DEFAULT_CONTROLLER_IMAGE = 'ghcr.io/syncprims/controller:0.1.0';

/** The namespace the controller runs in, and where its leader-election Lease lives. */
export const DEFAULT_CONTROLLER_NAMESPACE = 'syncprims-system';

/** The name of the controller's ServiceAccount, Deployment and main ClusterRole. */
export const CONTROLLER_NAME = 'syncprims-controller';

/** Options of the install manifests ({@link buildInstallManifests}). */
export interface InstallOptions {
  /** The controller's namespace (created by the manifests). @default 'syncprims-system' */
  namespace?: string;
  /** The controller image. @default DEFAULT_CONTROLLER_IMAGE (`ghcr.io/syncprims/controller:<version>`) */
  image?: string;
  /** Controller replicas; one leads (Lease), the others stand by. @default 1 */
  replicas?: number;
  /**
   * Bind the controller to `syncprims-controller-apply`, a cluster-admin-like role, so it can
   * apply any object. Turn off to grant only what each Sync's `serviceAccountName` may do
   * (the controller then impersonates it, and Syncs without one fail with FORBIDDEN).
   * @default true
   */
  clusterWideApply?: boolean;
}

/** {@link InstallOptions} with defaults filled in. */
export type ResolvedInstallOptions = Required<InstallOptions>;

/**
 * Fills in defaults and checks the options.
 *
 * Errors: throws {@link OptionsError} for a namespace that is not a DNS-1123 label, an empty
 * image, or replicas that are not a whole number >= 0.
 */
export function resolveInstallOptions(options: InstallOptions = {}): ResolvedInstallOptions {
  const resolved: ResolvedInstallOptions = {
    namespace: options.namespace ?? DEFAULT_CONTROLLER_NAMESPACE,
    image: options.image ?? DEFAULT_CONTROLLER_IMAGE,
    replicas: options.replicas ?? 1,
    clusterWideApply: options.clusterWideApply ?? true,
  };
  if (resolved.namespace.length > DNS_LABEL_MAX || !new RegExp(DNS_LABEL_PATTERN).test(resolved.namespace)) {
    throw new OptionsError(`install: namespace must be a DNS-1123 label, got ${JSON.stringify(resolved.namespace)}`);
  }
  if (typeof resolved.image !== 'string' || resolved.image.trim() === '' || /\s/.test(resolved.image)) {
    throw new OptionsError(`install: image must be an image reference, got ${JSON.stringify(resolved.image)}`);
  }
  if (!Number.isSafeInteger(resolved.replicas) || resolved.replicas < 0) {
    throw new OptionsError(`install: replicas must be a whole number >= 0, got ${resolved.replicas}`);
  }
  return resolved;
}

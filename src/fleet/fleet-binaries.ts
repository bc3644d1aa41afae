import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The Kubernetes version the local fleet runs (built from Debian's `kubernetes` source package). */
export const FLEET_K8S_VERSION = '1.20.2';

/** The executables a fleet needs, all in one folder. */
export const FLEET_BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager'] as const;

/** One of {@link FLEET_BINARIES}. */
export type FleetBinary = (typeof FLEET_BINARIES)[number];

/**
 * The root of the binary cache: `$SYNCPRIMS_CACHE`, else `$XDG_CACHE_HOME/syncprims`,
 * else `~/.cache/syncprims`. Binaries live in `<root>/k8s-<version>/bin`.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SYNCPRIMS_CACHE) return env.SYNCPRIMS_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'syncprims');
}

/** The folder holding the binaries of {@link FLEET_K8S_VERSION} under a cache root. */
export function versionedBinDir(cacheDir: string): string {
  return join(cacheDir, `k8s-${FLEET_K8S_VERSION}`, 'bin');
}

/** Lists the {@link FLEET_BINARIES} that are missing from `binDir` or not executable. */
export function findMissingBinaries(binDir: string): FleetBinary[] {
  return FLEET_BINARIES.filter((name) => {
    try {
      accessSync(join(binDir, name), constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
}

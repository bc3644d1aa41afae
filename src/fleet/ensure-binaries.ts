import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { throwIfAborted } from '../core/abort.js';
import { FleetError } from './fleet-error.js';
import { defaultCacheDir, findMissingBinaries, FLEET_BINARIES, FLEET_K8S_VERSION, versionedBinDir, type FleetBinary } from './fleet-binaries.js';
import { findPackageRoot } from './package-root.js';
import { splitLines } from './split-lines.js';
import { signalProcessGroup } from './process-control.js';

/** Options of {@link ensureBinaries}. */
export interface EnsureBinariesOptions {
  /**
   * The cache root; the binaries go to `<cacheDir>/k8s-1.20.2/bin`. Ignored when the
   * `SYNCPRIMS_K8S_BIN` environment variable is set.
   * @default `$SYNCPRIMS_CACHE`, else `$XDG_CACHE_HOME/syncprims`, else `~/.cache/syncprims`
   */
  cacheDir?: string;
  /** Receives each progress line of the install script (and a line when the cache is used). @default undefined (progress is dropped) */
  onProgress?: (line: string) => void;
  /** Aborts the install: the script's process group is killed and the call rejects with the signal's reason. @default undefined */
  signal?: AbortSignal;
  /**
   * The binaries `SYNCPRIMS_K8S_BIN` must hold (e.g. envtest's asset folders have no
   * kube-controller-manager). The install script always provides all three.
   * @default ['etcd', 'kube-apiserver', 'kube-controller-manager']
   */
  binaries?: readonly FleetBinary[];
}

/**
 * Makes sure `etcd`, `kube-apiserver` and `kube-controller-manager` are available and returns
 * the folder that holds them.
 *
 * With `SYNCPRIMS_K8S_BIN=dir` set, that folder is used as is. Otherwise the bundled
 * `scripts/install-k8s.sh` fills the versioned cache folder: it returns at once when the
 * binaries are there, and otherwise builds them (Debian 12/13, as root: apt-get, then `make` of the Kubernetes 1.20.2 sources; about
 * 4 minutes cold on 2 cores, instant when cached), streaming its progress to `onProgress`.
 *
 * Errors: `FleetError` `FLEET_PREREQUISITE` (a binary missing from `SYNCPRIMS_K8S_BIN`, no
 * bash, no install script), `FLEET_INSTALL_FAILED` naming the script step that failed.
 *
 * @example
 * ```ts
 * import { ensureBinaries } from 'syncprims/fleet';
 * const binDir = await ensureBinaries({ onProgress: (line) => console.log(line) });
 * console.log(`kube-apiserver is in ${binDir}`);
 * ```
 */
export async function ensureBinaries(options: EnsureBinariesOptions = {}): Promise<string> {
  throwIfAborted(options.signal);
  const fromEnv = process.env.SYNCPRIMS_K8S_BIN;
  if (fromEnv) {
    const wanted = options.binaries ?? FLEET_BINARIES;
    const missing = findMissingBinaries(fromEnv).filter((b) => wanted.includes(b));
    if (missing.length > 0) {
      throw new FleetError(
        'FLEET_PREREQUISITE',
        `SYNCPRIMS_K8S_BIN=${fromEnv} lacks the executable(s) ${missing.join(', ')}; put ${wanted.join(', ')} there, or unset it to build them`,
      );
    }
    options.onProgress?.(`using binaries from SYNCPRIMS_K8S_BIN=${fromEnv}`);
    return fromEnv;
  }
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const binDir = versionedBinDir(cacheDir);
  // The script runs even when the cache is complete (it says so and exits at once): one code path.
  const script = join(findPackageRoot(), 'scripts', 'install-k8s.sh');
  if (!existsSync(script)) {
    throw new FleetError('FLEET_PREREQUISITE', `the install script ${script} is missing from the syncprims package`);
  }
  await runInstallScript(script, join(cacheDir, `k8s-${FLEET_K8S_VERSION}`), options);
  const missing = findMissingBinaries(binDir);
  if (missing.length > 0) {
    throw new FleetError('FLEET_INSTALL_FAILED', `the install script finished but ${missing.join(', ')} is still missing from ${binDir}`);
  }
  return binDir;
}

function runInstallScript(script: string, versionDir: string, options: EnsureBinariesOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('bash', [script, versionDir], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const tail: string[] = [];
    let failedStep: string | undefined;
    const onLine = (line: string): void => {
      const step = /FAILED at step: (.*)$/.exec(line);
      if (step) failedStep = step[1];
      tail.push(line);
      if (tail.length > 20) tail.shift();
      options.onProgress?.(line);
    };
    splitLines(child.stdout, onLine);
    splitLines(child.stderr, onLine);
    const onAbort = (): void => {
      if (child.pid !== undefined) signalProcessGroup(child.pid, 'SIGKILL');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (err: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        err.code === 'ENOENT'
          ? new FleetError('FLEET_PREREQUISITE', 'bash is not installed; it is needed to run scripts/install-k8s.sh', { cause: err })
          : new FleetError('FLEET_INSTALL_FAILED', `could not run ${script}: ${err.message}`, { cause: err }),
      );
    });
    child.once('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) return reject(options.signal.reason);
      if (code === 0) return resolve();
      const step = failedStep ?? `exit ${code ?? signal}; last output: ${tail.slice(-3).join(' | ')}`;
      reject(new FleetError('FLEET_INSTALL_FAILED', `installing the Kubernetes ${FLEET_K8S_VERSION} binaries failed at step: ${step}`));
    });
  });
}

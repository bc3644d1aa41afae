import { execFile } from 'node:child_process';
import { parseMinorVersion } from './component-args.js';

/**
 * The Kubernetes minor version of a binary (`<binary> --version`), or `fallback` when it
 * cannot be told. Used to pick flags that changed between versions.
 */
export function binaryMinorVersion(binary: string, fallback: number, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve) => {
    execFile(binary, ['--version'], { signal }, (err, stdout) => {
      resolve(err ? fallback : (parseMinorVersion(stdout) ?? fallback));
    });
  });
}

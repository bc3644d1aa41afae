import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FleetError } from './fleet-error.js';

/**
 * Returns the root folder of the installed `syncprims` package (the folder of its
 * `package.json`), found by walking up from this module: works from `dist/` (built,
 * ESM or CJS) and from `src/fleet/` (run through tsx or vitest).
 *
 * Errors: `FleetError` `FLEET_PREREQUISITE` when no such folder is found.
 */
export function findPackageRoot(): string {
  let dir = moduleDir();
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === 'syncprims') return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new FleetError('FLEET_PREREQUISITE', `cannot find the syncprims package root above ${moduleDir()}`);
}

function moduleDir(): string {
  // tsup's `shims` provides import.meta.url in the CJS build.
  return dirname(fileURLToPath(import.meta.url));
}

function readPackageName(path: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { name?: unknown }).name === 'string'
      ? (parsed as { name: string }).name
      : undefined;
  } catch {
    return undefined;
  }
}

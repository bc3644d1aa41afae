import { rmSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';

/**
 * Removes `path` (recursively) only when it lies strictly inside `root`: paths read from a
 * state file are untrusted, and a tampered file must not make the fleet delete anything else.
 * Returns whether it removed (or would have removed an absent) path.
 */
export function removeInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  rmSync(path, { recursive: true, force: true });
  return true;
}

import { createHash } from 'node:crypto';
import type { SyncResult } from '../core/sync-result.js';

/**
 * The revision of a dag pass: `sha256:` and the hex SHA-256 of `name revision` lines of its
 * children sorted by name, so it changes exactly when some child's desired set changes, and
 * does not depend on completion order. A child that did not run contributes an empty revision.
 */
export function digestRevisions(children: readonly SyncResult[]): string {
  const sorted = [...children].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let text = '';
  for (const child of sorted) text += `${child.name} ${child.revision}\n`;
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

import { formatRef } from '../core/object-ref.js';
import type { Change, SyncResult } from '../core/sync-result.js';

/** How {@link formatResultText} lists changes. */
export type ChangeStyle = 'list' | 'diff';

const MARKERS: Readonly<Record<Change['action'], string>> = { created: '+', configured: '~', pruned: '-', skipped: '!', unchanged: ' ' };

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

function shortRevision(revision: string): string {
  const digest = revision.startsWith('sha256:') ? revision.slice('sha256:'.length) : revision;
  return digest.slice(0, 12);
}

/** Renders a duration for people: `850ms`, `1.3s`, `2m05s`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function changeLines(change: Change, style: ChangeStyle): string[] {
  const reason = change.reason ? ` (${change.reason})` : '';
  if (style === 'list') return [`${change.action.padEnd(10)} ${formatRef(change.ref)}${reason}`];
  const head = `${MARKERS[change.action]} ${formatRef(change.ref)} (${change.action}${change.reason ? `: ${change.reason}` : ''})`;
  return [head, ...(change.fields ?? []).map((f) => `    ${f}`)];
}

/**
 * A result as text for stdout: one line per object that changed (or would change), then a
 * summary line `name: state in 1.3s: message (revision 1a2b3c4d5e6f)`, the nodes of a dag,
 * and the objects that were not ready. Unchanged objects are counted in the message, not
 * listed. With `diff`, each line has a marker (`+` created, `~` configured, `-` pruned,
 * `!` skipped) and configured objects list the field paths that differ.
 */
export function formatResultText(result: SyncResult, style: ChangeStyle = 'list'): string {
  const lines: string[] = [];
  for (const change of result.changes) if (change.action !== 'unchanged') lines.push(...changeLines(change, style));
  const revision = result.revision ? ` (revision ${shortRevision(result.revision)})` : '';
  lines.push(`${result.name}: ${result.state} in ${formatElapsed(result.durationMs)}: ${firstLine(result.message)}${revision}`);
  for (const child of result.children ?? []) lines.push(`  ${child.name}: ${child.state}: ${firstLine(child.message)}`);
  for (const n of result.notReady ?? []) lines.push(`  not ready: ${formatRef(n.ref)}: ${n.reason}`);
  return `${lines.join('\n')}\n`;
}

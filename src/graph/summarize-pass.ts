import type { Change, SyncResult, SyncState } from '../core/sync-result.js';
import { SyncError } from '../core/sync-error.js';
import { digestRevisions } from './digest-revisions.js';

/** Not-ready children named in a dag's message before the rest are counted. */
export const MAX_LISTED_ISSUES = 3;

/** What kind of pass a dag ran: it picks the verb of the message and the state when all went well. */
export type PassKind = 'sync' | 'dryRun' | 'delete';

/** The dag-level fields of a pass result, derived from its children. */
export interface PassSummary {
  readonly state: SyncState;
  readonly message: string;
  readonly changes: readonly Change[];
  readonly revision: string;
  readonly error?: SyncError;
}

/**
 * Sums a dag pass up from its children (in completion order):
 *
 * - `state`: `ready` when every child is ready; `planned` for a dry run (or when some child
 *   only planned) with every child ready or planned; otherwise the worst child state, in the
 *   order `failed` > `timeout` > `blocked`.
 * - `error`: the error of the first child (in completion order) in that state: the root
 *   cause, with its own class, `code`, `ref` and `retryable`.
 * - `message`: `3/4 ready; crds failed: CRD foo not established; app blocked by crds: ...`,
 *   root causes first, at most {@link MAX_LISTED_ISSUES} children named, `(+N more)` after.
 * - `changes`: every child's changes flattened in completion order (a dag reads like one
 *   big sync); `children` keep their own.
 * - `revision`: see {@link digestRevisions} (empty for a delete).
 */
export function summarizePass(children: readonly SyncResult[], kind: PassKind, note?: string): PassSummary {
  let ready = 0;
  let planned = 0;
  const causes: SyncResult[] = [];
  const blocked: SyncResult[] = [];
  const changes: Change[] = [];
  for (const child of children) {
    if (child.state === 'ready') ready++;
    else if (child.state === 'planned') planned++;
    else if (child.state === 'blocked') blocked.push(child);
    else causes.push(child);
    for (const change of child.changes) changes.push(change);
  }
  const ok = ready + planned;
  const verb = kind === 'delete' ? 'deleted' : kind === 'dryRun' ? 'planned' : 'ready';
  const parts = [`${ok}/${children.length} ${verb}`];
  const issues = [...causes, ...blocked];
  for (const child of issues.slice(0, MAX_LISTED_ISSUES)) parts.push(describeIssue(child));
  if (issues.length > MAX_LISTED_ISSUES) parts.push(`(+${issues.length - MAX_LISTED_ISSUES} more not ${verb})`);
  if (note) parts.push(note);
  const message = parts.join('; ');
  const revision = kind === 'delete' ? '' : digestRevisions(children);

  if (issues.length === 0) {
    const state: SyncState = kind === 'dryRun' || (planned > 0 && kind !== 'delete') ? 'planned' : 'ready';
    return { state, message, changes, revision };
  }
  const state: SyncState = causes.some((c) => c.state === 'failed') ? 'failed' : causes.length > 0 ? 'timeout' : 'blocked';
  const first = issues.find((c) => c.state === state)!;
  return { state, message, changes, revision, error: first.error ?? fallbackError(first) };
}

function describeIssue(child: SyncResult): string {
  return child.state === 'blocked' ? `${child.name} ${child.message}` : `${child.name} ${child.state}: ${child.message}`;
}

function fallbackError(child: SyncResult): SyncError {
  const code = child.state === 'timeout' ? 'TIMEOUT' : child.state === 'blocked' ? 'BLOCKED' : 'NOT_READY';
  return new SyncError(code, `${child.name}: ${child.message}`, { retryable: child.state !== 'failed' });
}

import type { EventEmitter } from 'eventemitter3';
import { refKey } from '../core/object-ref.js';
import type { Change, SyncState } from '../core/sync-result.js';
import type { SyncerEvents } from '../core/syncer-events.js';
import type { SyncError } from '../core/sync-error.js';
import type { InventoryStore } from './inventory-store.js';
import type { PassContext } from './pass-context.js';
import { pruneObjects } from './prune-objects.js';

/** What a teardown did. */
export interface DeleteOutcome {
  readonly state: SyncState;
  readonly message: string;
  readonly changes: readonly Change[];
  readonly error?: SyncError;
}

/**
 * Tears down everything a sync owns, as recorded in its inventory: namespaced objects first,
 * then cluster-scoped ones, CRDs, Namespaces last; then removes the inventory. Objects without
 * this sync's ownership label or with `syncprims.dev/prune: disabled` are kept (`skipped`).
 * If some deletions fail, the inventory keeps those objects so a later teardown retries them.
 */
export async function runDeletePass(ctx: PassContext, store: InventoryStore, events: EventEmitter<SyncerEvents>): Promise<DeleteOutcome> {
  const stored = await store.read(ctx.signal);
  const entries = stored.inventory.entries;
  let done = 0;
  const outcome = await pruneObjects(ctx, entries, (change) => {
    done++;
    events.emit('pruned', { syncer: ctx.syncer, change });
    events.emit('progress', { syncer: ctx.syncer, phase: 'delete', done, total: entries.length });
  });
  if (outcome.errors.length > 0) {
    const failed = new Set(outcome.failed.map(refKey));
    const left = entries.filter((e) => failed.has(refKey(e)));
    if (!ctx.dryRun) await store.write({ revision: stored.inventory.revision, entries: left }, stored, ctx.signal);
    const error = outcome.errors[0]!;
    return { state: 'failed', message: `teardown incomplete: ${outcome.errors.length} objects left; first: ${error.message}`, changes: outcome.changes, error };
  }
  if (!ctx.dryRun && stored.resourceVersion !== undefined) await store.remove(ctx.signal);
  const pruned = outcome.changes.filter((c) => c.action === 'pruned').length;
  const kept = outcome.changes.length - pruned;
  return {
    state: ctx.dryRun ? 'planned' : 'ready',
    message: `${ctx.dryRun ? 'would delete' : 'deleted'} ${pruned} objects${kept ? `, kept ${kept}` : ''}`,
    changes: outcome.changes,
  };
}

import { formatRef, refKey, type KubeObject, type ObjectRef } from '../core/object-ref.js';
import type { Change } from '../core/sync-result.js';
import { isSyncError, PruneError, type SyncError } from '../core/sync-error.js';
import { isOwnedBy, isPruneDisabled, OWNER_LABEL, ownerLabelValue } from './owner-identity.js';
import { INVENTORY_LABEL } from './inventory-store.js';
import type { PassContext } from './pass-context.js';
import { pruneRank, sortForPrune } from './prune-order.js';
import { runPool } from './run-pool.js';
import { listOwned } from './list-owned.js';

/** The outcome of pruning a set of objects. */
export interface PruneOutcome {
  readonly changes: Change[];
  /** Objects that could not be pruned: keep them in the inventory. */
  readonly failed: ObjectRef[];
  readonly errors: SyncError[];
}

/**
 * Deletes objects that are no longer desired, in teardown order (namespaced objects, then
 * cluster-scoped, CRDs, Namespaces last), each rank finishing before the next starts.
 *
 * Only objects carrying this sync's ownership label are deleted (an unlabelled object with a
 * matching name is `skipped`); `syncprims.dev/prune: disabled` keeps an object. Deletes carry
 * a uid precondition, so an object replaced in between is never deleted by mistake. In a dry
 * run nothing is deleted and the planned changes are returned.
 */
export async function pruneObjects(ctx: PassContext, refs: readonly ObjectRef[], onChange: (change: Change) => void): Promise<PruneOutcome> {
  const outcome: PruneOutcome = { changes: [], failed: [], errors: [] };
  const ordered = sortForPrune(refs);
  const signalOpt = ctx.signal ? { signal: ctx.signal } : {};
  const owned = await ownedCandidates(ctx, ordered);
  for (let rank = 0; rank <= 3; rank++) {
    const batch = ordered.filter((r) => pruneRank(r) === rank);
    await runPool(batch, ctx.concurrency, async (ref) => {
      let change: Change | undefined;
      try {
        // Objects found by the owner-labelled LIST need no read; others are read once to tell
        // "gone" (nothing to do) from "someone else's object with that name" (skipped).
        const live = owned.get(refKey(ref)) ?? (await ctx.client.get(ref, signalOpt));
        if (!live) return;
        if (!isOwnedBy(live, ctx.owner)) change = { ref, action: 'skipped', reason: 'not owned by this sync (ownership label missing or different)' };
        else if (isPruneDisabled(live)) change = { ref, action: 'skipped', reason: 'prune disabled by annotation syncprims.dev/prune' };
        else if (ref.kind === 'Namespace' && ref.apiVersion === 'v1' && (await othersInventories(ctx, ref.name)) > 0) {
          change = { ref, action: 'skipped', reason: 'holds inventories of other syncs: deleting it would make them forget what they own' };
        } else {
          if (!ctx.dryRun) {
            await ctx.client.delete(ref, { propagationPolicy: 'Background', ...(live.metadata.uid ? { uid: live.metadata.uid } : {}), ...signalOpt });
          }
          change = { ref, action: 'pruned' };
        }
      } catch (err) {
        if (ctx.signal?.aborted) throw ctx.signal.reason;
        if (isSyncError(err) && err.code === 'UNKNOWN_KIND') return; // its CRD is gone: so is the object
        outcome.failed.push(ref);
        outcome.errors.push(
          new PruneError('PRUNE_FAILED', `pruning ${formatRef(ref)}: ${err instanceof Error ? err.message : String(err)}`, {
            ref,
            cause: err,
            retryable: isSyncError(err) ? err.retryable : true,
          }),
        );
        return;
      }
      outcome.changes.push(change);
      onChange(change);
    }, ctx.signal);
  }
  return outcome;
}

/**
 * The live objects among `refs` that carry this sync's ownership label: one LIST per kind and
 * namespace instead of one GET per object. When listing fails, the caller reads the refs one
 * by one (objects of kinds no longer served are gone with their CRD).
 */
async function ownedCandidates(ctx: PassContext, refs: readonly ObjectRef[]): Promise<ReadonlyMap<string, KubeObject>> {
  try {
    return (await listOwned(ctx, refs)).live;
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    ctx.logger.debug('prune: listing owned objects failed; reading them one by one', { error: String(err) });
    return new Map();
  }
}

/**
 * How many inventories of *other* syncs live in a namespace. Deleting such a namespace (say
 * `syncprims-system`, applied by an install sync) would delete those inventories with it, and
 * their syncs could no longer prune: such a namespace is kept.
 */
async function othersInventories(ctx: PassContext, namespace: string): Promise<number> {
  const list = await ctx.client.list('v1', 'ConfigMap', {
    namespace,
    labelSelector: `${INVENTORY_LABEL}=true`,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const ours = ownerLabelValue(ctx.owner);
  return list.items.filter((cm) => cm.metadata.labels?.[OWNER_LABEL] !== ours).length;
}

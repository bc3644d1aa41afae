import type { EventEmitter } from 'eventemitter3';
import { refKey, formatRef, type ObjectRef } from '../core/object-ref.js';
import type { Change, NotReady, SyncState } from '../core/sync-result.js';
import type { SyncerEvents } from '../core/syncer-events.js';
import type { KindDefinition } from '../core/syncer.js';
import { isSyncError, ReadinessError, SyncError, ApplyError, ValidationError } from '../core/sync-error.js';
import { throwIfAborted } from '../core/abort.js';
import { canonicalJson, kindDefinitions, prepareDesiredSet, type DesiredObject, type DesiredSet, type Source } from '../manifests/index.js';
import { waitForReady, type WaitFailed, type WaitTimedOut } from '../health/index.js';
import { applyObject, type ObjectOutcome } from './apply-object.js';
import type { InventoryEntry, Inventory } from './inventory.js';
import type { InventoryStore, StoredInventory } from './inventory-store.js';
import { listOwned } from './list-owned.js';
import type { PassContext } from './pass-context.js';
import { gatesSecondStage, planStages } from './plan-stages.js';
import { pruneObjects } from './prune-objects.js';
import { runPool } from './run-pool.js';
import { OWNER_LABEL, ownerLabelValue } from './owner-identity.js';

/** What a pass of the apply engine produced; the syncer turns it into a `SyncResult`. */
export interface PassOutcome {
  readonly state: SyncState;
  readonly message: string;
  readonly changes: readonly Change[];
  readonly revision: string;
  readonly error?: SyncError;
  readonly notReady?: readonly NotReady[];
  /** The inventory as stored after the pass. */
  readonly inventory: Inventory;
  /** Dry runs: kinds the desired set's CRDs define. */
  readonly definesKinds?: readonly KindDefinition[];
}

/** Loads and validates the whole desired set; nothing is written. */
export async function loadDesiredSet(ctx: PassContext, source: Source): Promise<DesiredSet> {
  const manifests = await source.load(ctx.signal ? { signal: ctx.signal } : {});
  return prepareDesiredSet(manifests, {
    ...(ctx.targetNamespace ? { targetNamespace: ctx.targetNamespace } : {}),
    resolveScope: async (apiVersion, kind) => {
      try {
        const m = await ctx.client.mapping(apiVersion, kind, ctx.signal ? { signal: ctx.signal } : {});
        return m.namespaced ? 'Namespaced' : 'Cluster';
      } catch (err) {
        if (isSyncError(err) && err.code === 'UNKNOWN_KIND') {
          const assumed = ctx.dryRun ? ctx.assumeKinds?.find((k) => k.apiVersion === apiVersion && k.kind === kind) : undefined;
          return assumed ? (assumed.namespaced ? 'Namespaced' : 'Cluster') : undefined;
        }
        throw err;
      }
    },
  });
}

function ownerSelector(ctx: PassContext): string {
  return `${OWNER_LABEL}=${ownerLabelValue(ctx.owner)}`;
}

function summarize(changes: readonly Change[]): string {
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  const parts = ['created', 'configured', 'unchanged', 'pruned', 'skipped'].filter((a) => counts.has(a)).map((a) => `${counts.get(a)} ${a}`);
  return parts.length ? parts.join(', ') : 'nothing to do';
}

function sameInventory(a: Inventory, b: Inventory): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * One level-based pass of the apply engine: validate the whole desired set, apply it in two
 * stages with server-side apply (CRDs, Namespaces, ClusterRoles first, then the rest), record
 * the inventory, prune what is no longer desired, and wait for readiness.
 *
 * Resolves with the outcome (failures included); rejects only when `ctx.signal` aborts, after
 * recording in the inventory what was applied so far.
 */
export async function runSyncPass(
  ctx: PassContext,
  source: Source,
  store: InventoryStore,
  events: EventEmitter<SyncerEvents>,
): Promise<PassOutcome> {
  throwIfAborted(ctx.signal);
  let desired: DesiredSet;
  try {
    desired = await loadDesiredSet(ctx, source);
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    if (!isSyncError(err)) throw err;
    const message = err instanceof ValidationError ? `invalid desired set: ${err.message}` : err.message;
    return { state: 'failed', message, changes: [], revision: '', error: err, inventory: { revision: '', entries: [] } };
  }
  const stored = await store.read(ctx.signal);
  const outcome = await applyAndPrune(ctx, desired, stored, store, events);
  return outcome;
}

async function applyAndPrune(
  ctx: PassContext,
  desired: DesiredSet,
  stored: StoredInventory,
  store: InventoryStore,
  events: EventEmitter<SyncerEvents>,
): Promise<PassOutcome> {
  const previous = new Map(stored.inventory.entries.map((e) => [refKey(e), e] as const));
  const desiredKeys = new Set(desired.objects.map((d) => refKey(d.ref)));
  const owned = await listOwned(ctx, desired.objects.map((d) => d.ref));
  const changes: Change[] = [];
  const applied = new Map<string, InventoryEntry>();
  const errors: SyncError[] = [];
  const plannedNamespaces = new Set<string>();
  let current = stored;

  // Record intent first: objects about to be created are in the inventory before they exist,
  // so a crash mid-pass never leaves an object no inventory knows about.
  const newRefs = desired.objects.filter((d) => !previous.has(refKey(d.ref)));
  if (!ctx.dryRun && newRefs.length > 0) {
    current = await store.write({ revision: stored.inventory.revision, entries: [...stored.inventory.entries, ...newRefs.map((d) => ({ ...d.ref }))] }, current, ctx.signal);
  }

  const total = desired.objects.length;
  const record = (o: ObjectOutcome): void => {
    changes.push(o.change);
    if (o.entry) applied.set(refKey(o.change.ref), o.entry);
    if (o.error) errors.push(o.error);
    events.emit('applied', { syncer: ctx.syncer, change: o.change });
    events.emit('progress', { syncer: ctx.syncer, phase: 'apply', done: changes.length, total });
  };
  const applyAll = (objs: readonly DesiredObject[]): Promise<unknown> =>
    runPool(objs, ctx.concurrency, async (d) => {
      const live = owned.live.get(refKey(d.ref));
      const prev = previous.get(refKey(d.ref));
      const pending = owned.unservedKinds.has(`${d.ref.apiVersion}/${d.ref.kind}`) || (d.ref.namespace !== undefined && plannedNamespaces.has(d.ref.namespace));
      record(await applyObject(ctx, { desired: d, ...(live ? { live } : {}), ...(prev ? { previous: prev } : {}), pendingPrerequisite: pending }));
    }, ctx.signal);

  try {
    const { first, second } = planStages(desired.objects);
    await applyAll(first);
    // A dry run cannot create Namespaces: objects inside one it would create are planned as created.
    for (const c of changes) if (ctx.dryRun && c.action === 'created' && c.ref.kind === 'Namespace' && c.ref.apiVersion === 'v1') plannedNamespaces.add(c.ref.name);
    if (errors.length === 0 && !ctx.dryRun) {
      const gates = first.filter((d) => gatesSecondStage(d.ref)).map((d) => d.ref);
      if (gates.length > 0) {
        const waited = await waitForReady(ctx.client, gates, { timeout: ctx.timeout, rules: ctx.healthRules, labelSelector: ownerSelector(ctx), ...(ctx.signal ? { signal: ctx.signal } : {}), logger: ctx.logger });
        if (!waited.ready) {
          errors.push(readinessError(waited, 'prerequisites (CRDs, Namespaces) not ready'));
        }
        ctx.client.invalidateDiscovery();
      }
    }
    if (errors.length === 0) await applyAll(second);
    else for (const d of second) record({ change: { ref: d.ref, action: 'skipped', reason: 'not applied: an earlier stage failed' } });
  } catch (err) {
    if (ctx.signal?.aborted) {
      await recordAfterAbort(ctx, store, stored, current, applied);
      throw ctx.signal.reason;
    }
    throw err;
  }

  const revision = desired.revision;
  if (errors.length > 0) {
    // Partial apply: remember what was applied, keep the previous revision, never prune.
    if (!ctx.dryRun) {
      const merged = mergeEntries(stored.inventory.entries, applied, desired.objects);
      try {
        current = await writeIfChanged(store, { revision: stored.inventory.revision, entries: merged }, current, ctx.signal);
      } catch (err) {
        // Best effort: the intent write already recorded every new object, so only digests are
        // lost (e.g. the server went away mid-pass); the next pass re-applies and records them.
        if (ctx.signal?.aborted || !isSyncError(err)) throw err;
        if (err.code === 'INVENTORY_CONFLICT') await recordAfterConflict(ctx, store, applied, changes);
        else ctx.logger.warn('could not record the partial apply in the inventory; the next pass records it', { error: err.message });
      }
    }
    const error = errors.length === 1 ? errors[0]! : new ApplyError(errors[0]!.code, `${errors.length} objects failed; first: ${errors[0]!.message}`, { cause: errors[0], retryable: errors.every((e) => e.retryable), ...(errors[0]!.ref ? { ref: errors[0]!.ref } : {}) });
    return { state: 'failed', message: `apply failed (${summarize(changes)}): ${error.message}`, changes, revision, error, inventory: current.inventory };
  }

  // Prune what the last inventory has and the desired set does not.
  let pruneFailed: ObjectRef[] = [];
  let pruneError: SyncError | undefined;
  if (ctx.prune) {
    const stale = stored.inventory.entries.filter((e) => !desiredKeys.has(refKey(e)));
    if (stale.length > 0) {
      const pruned = await pruneObjects(ctx, stale, (change) => {
        changes.push(change);
        events.emit('pruned', { syncer: ctx.syncer, change });
      });
      pruneFailed = pruned.failed;
      pruneError = pruned.errors[0];
    }
  } else {
    pruneFailed = stored.inventory.entries.filter((e) => !desiredKeys.has(refKey(e)));
  }
  if (!ctx.dryRun) {
    const entries = desired.objects.map((d) => applied.get(refKey(d.ref)) ?? previous.get(refKey(d.ref)) ?? { ...d.ref });
    const kept = pruneFailed.map((r) => previous.get(refKey(r)) ?? { ...r });
    try {
      current = await writeIfChanged(store, { revision, entries: [...entries, ...kept] }, current, ctx.signal);
    } catch (err) {
      if (ctx.signal?.aborted || !isSyncError(err)) throw err;
      if (err.code === 'INVENTORY_CONFLICT') await recordAfterConflict(ctx, store, applied, changes);
      // Keep what the pass did in the result: the objects were applied (and pruned) already.
      return { state: 'failed', message: `applied (${summarize(changes)}) but the inventory was not recorded: ${err.message}`, changes, revision, error: err, inventory: current.inventory };
    }
  }
  if (pruneError) {
    return { state: 'failed', message: `prune failed (${summarize(changes)}): ${pruneError.message}`, changes, revision, error: pruneError, inventory: current.inventory };
  }
  if (ctx.dryRun) {
    const definesKinds = kindDefinitions(desired.objects.map((d) => d.object));
    return { state: 'planned', message: `plan: ${summarize(changes)}`, changes, revision, inventory: current.inventory, definesKinds };
  }
  if (!ctx.wait) {
    return { state: 'ready', message: `applied: ${summarize(changes)}`, changes, revision, inventory: current.inventory };
  }
  const refs = desired.objects.map((d) => d.ref);
  const waited = await waitForReady(ctx.client, refs, {
    timeout: ctx.timeout,
    rules: ctx.healthRules,
    labelSelector: ownerSelector(ctx),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    logger: ctx.logger,
    onProgress: (notReady) => events.emit('progress', { syncer: ctx.syncer, phase: 'wait', done: refs.length - notReady.length, total: refs.length, waitingFor: notReady }),
  });
  if (!waited.ready) {
    const error = readinessError(waited, 'not ready');
    return {
      state: waited.timedOut ? 'timeout' : 'failed',
      message: `applied (${summarize(changes)}) but ${error.message}`,
      changes,
      revision,
      error,
      notReady: [...('failed' in waited ? waited.failed.map((f) => ({ ref: f.ref, reason: f.message })) : []), ...waited.notReady],
      inventory: current.inventory,
    };
  }
  return { state: 'ready', message: `applied and ready: ${summarize(changes)}`, changes, revision, inventory: current.inventory };
}

function readinessError(waited: WaitFailed | WaitTimedOut, what: string): ReadinessError {
  if (!waited.timedOut && waited.failed.length > 0) {
    const f = waited.failed[0]!;
    return new ReadinessError('NOT_READY', `${formatRef(f.ref)} failed: ${f.message}`, { ref: f.ref });
  }
  const list = waited.notReady.slice(0, 5).map((n) => `${formatRef(n.ref)} (${n.reason})`).join(', ');
  const more = waited.notReady.length > 5 ? ` and ${waited.notReady.length - 5} more` : '';
  const first = waited.notReady[0];
  return new ReadinessError('TIMEOUT', `${what} in time: ${list}${more}`, { retryable: true, ...(first ? { ref: first.ref } : {}) });
}

function mergeEntries(previous: readonly InventoryEntry[], applied: ReadonlyMap<string, InventoryEntry>, desired: readonly DesiredObject[]): InventoryEntry[] {
  const out = new Map(previous.map((e) => [refKey(e), e] as const));
  for (const d of desired) {
    const entry = applied.get(refKey(d.ref));
    if (entry) out.set(refKey(d.ref), entry);
  }
  return [...out.values()];
}

async function writeIfChanged(store: InventoryStore, next: Inventory, current: StoredInventory, signal?: AbortSignal): Promise<StoredInventory> {
  if (current.resourceVersion !== undefined && sameInventory(next, current.inventory)) return current;
  return store.write(next, current, signal);
}

/**
 * After losing the inventory to a concurrent pass of the same sync: adds every object this pass
 * wrote (created or configured) to the newer inventory, without digests (their live state is
 * this pass's, not what the newer inventory recorded), so no object is left that no inventory
 * knows about: the next pass re-applies or prunes it. A few bounded attempts; best effort.
 */
async function recordAfterConflict(ctx: PassContext, store: InventoryStore, applied: ReadonlyMap<string, InventoryEntry>, changes: readonly Change[]): Promise<void> {
  if (ctx.dryRun || applied.size === 0) return;
  const wrote = new Set(changes.filter((c) => c.action === 'created' || c.action === 'configured').map((c) => refKey(c.ref)));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const latest = await store.read(ctx.signal);
      const out = new Map(latest.inventory.entries.map((e) => [refKey(e), e] as const));
      for (const [key, entry] of applied) {
        // Unchanged by this pass and known to the newer inventory: its entry still holds.
        if (!wrote.has(key) && out.has(key)) continue;
        out.set(key, { apiVersion: entry.apiVersion, kind: entry.kind, name: entry.name, ...(entry.namespace ? { namespace: entry.namespace } : {}) });
      }
      await store.write({ revision: latest.inventory.revision, entries: [...out.values()] }, latest, ctx.signal);
      return;
    } catch (err) {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      if (!(isSyncError(err) && err.code === 'INVENTORY_CONFLICT')) {
        ctx.logger.warn('could not record the objects of a pass that lost the inventory race', { error: String(err) });
        return;
      }
    }
  }
  ctx.logger.warn('could not record the objects of a pass that lost the inventory race: it kept changing', {});
}

/** After an abort: record what was applied so far (bounded by its own short timeout). */
async function recordAfterAbort(ctx: PassContext, store: InventoryStore, stored: StoredInventory, current: StoredInventory, applied: ReadonlyMap<string, InventoryEntry>): Promise<void> {
  if (ctx.dryRun || applied.size === 0) return;
  const out = new Map([...current.inventory.entries, ...stored.inventory.entries].map((e) => [refKey(e), e] as const));
  for (const [key, entry] of applied) out.set(key, entry);
  try {
    await writeIfChanged(store, { revision: stored.inventory.revision, entries: [...out.values()] }, current, AbortSignal.timeout(15_000));
  } catch (err) {
    ctx.logger.warn('could not record the inventory after abort; the next pass re-applies and records it', { error: String(err) });
  }
}

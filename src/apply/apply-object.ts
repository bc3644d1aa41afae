import type { KubeObject } from '../core/object-ref.js';
import type { Change } from '../core/sync-result.js';
import { ApplyError, isSyncError, SyncError } from '../core/sync-error.js';
import type { DesiredObject } from '../manifests/index.js';
import { diffPaths } from './diff-paths.js';
import { fieldsDigest } from './fields-digest.js';
import type { InventoryEntry } from './inventory.js';
import { isForceEnabled, withOwnership, ownerLabelValue, type OwnerIdentity } from './owner-identity.js';
import { createHash } from 'node:crypto';
import type { PassContext } from './pass-context.js';
import { waitUntilGone } from './wait-until-gone.js';

/** The outcome of applying one object. */
export interface ObjectOutcome {
  readonly change: Change;
  /** The inventory entry to record (absent when nothing was written, e.g. a failure or dry run). */
  readonly entry?: InventoryEntry;
  readonly error?: SyncError;
}

/** What is known about the object before applying it. */
export interface ApplyInput {
  readonly desired: DesiredObject;
  /** The live object from the owner-labelled list, if it was there. */
  readonly live?: KubeObject;
  /** The inventory entry of the last pass, if any. */
  readonly previous?: InventoryEntry;
  /** The kind or namespace does not exist yet (dry runs plan such objects as `created`). */
  readonly pendingPrerequisite?: boolean;
}

/**
 * Digest of what is applied for a desired object: its own digest (computed once during
 * validation) combined with the ownership stamped on it, without serializing it again.
 */
function appliedDigest(desired: DesiredObject, owner: OwnerIdentity): string {
  return 'sha256:' + createHash('sha256').update(`${desired.digest}\n${ownerLabelValue(owner)}`).digest('hex');
}

function entryFor(desired: DesiredObject, digest: string, applied: KubeObject, fieldManager: string): InventoryEntry {
  const fields = fieldsDigest(applied, fieldManager);
  return { ...desired.ref, digest, ...(fields ? { fields } : {}) };
}

/**
 * Applies one desired object with server-side apply, unless the live object provably already
 * matches: same desired digest as last applied and this field manager still owns exactly the
 * fields it owned then. Recreates it on an immutable-field change when `force` (or the
 * `syncprims.dev/force: enabled` annotation) allows.
 *
 * Never throws for API errors: they come back in `error` (abort still rejects).
 */
export async function applyObject(ctx: PassContext, input: ApplyInput): Promise<ObjectOutcome> {
  const { desired, live, previous } = input;
  const ref = desired.ref;
  const owned = withOwnership(desired.object, ctx.owner);
  const digest = appliedDigest(desired, ctx.owner);
  const signalOpt = ctx.signal ? { signal: ctx.signal } : {};

  if (live && previous !== undefined && previous.digest === digest && previous.fields !== undefined && fieldsDigest(live, ctx.fieldManager) === previous.fields) {
    return { change: { ref, action: 'unchanged' }, entry: previous };
  }
  if (ctx.dryRun && input.pendingPrerequisite) {
    return { change: { ref, action: 'created', reason: 'its kind or namespace is created earlier in this pass' } };
  }
  try {
    const res = await ctx.client.apply(owned, { fieldManager: ctx.fieldManager, force: ctx.force, dryRun: ctx.dryRun, ...signalOpt });
    if (ctx.dryRun) {
      if (res.created) return { change: { ref, action: 'created' } };
      const before = live ?? (await ctx.client.get(ref, signalOpt));
      const fields = before ? diffPaths(before, res.object) : [];
      return { change: fields.length === 0 ? { ref, action: 'unchanged' } : { ref, action: 'configured', fields } };
    }
    const action = res.created ? 'created' : live && live.metadata.resourceVersion === res.object.metadata.resourceVersion ? 'unchanged' : 'configured';
    return { change: { ref, action }, entry: entryFor(desired, digest, res.object, ctx.fieldManager) };
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    const error = asApplyError(err, desired);
    if (error.code === 'CONFLICT' && !ctx.force && live && previous?.fields !== undefined) {
      // This sync applied these fields before and someone changed them since (kubectl edit, a
      // script): that is drift, and drift is corrected. Conflicts over fields this sync never
      // owned still fail and need `force`.
      return takeBack(ctx, desired, owned, digest);
    }
    if (error.code === 'IMMUTABLE_FIELD' && (ctx.force || isForceEnabled(desired.object))) {
      if (ctx.dryRun) return { change: { ref, action: 'configured', reason: 'would be recreated: immutable field changed' } };
      return recreate(ctx, desired, owned, digest);
    }
    return { change: { ref, action: 'skipped', reason: error.message }, error };
  }
}

async function takeBack(ctx: PassContext, desired: DesiredObject, owned: KubeObject, digest: string): Promise<ObjectOutcome> {
  const ref = desired.ref;
  try {
    const res = await ctx.client.apply(owned, { fieldManager: ctx.fieldManager, force: true, dryRun: ctx.dryRun, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    const change: Change = { ref, action: 'configured', reason: 'drift corrected: fields this sync applied had been changed by another manager' };
    return ctx.dryRun ? { change } : { change, entry: entryFor(desired, digest, res.object, ctx.fieldManager) };
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    const error = asApplyError(err, desired);
    return { change: { ref, action: 'skipped', reason: error.message }, error };
  }
}

async function recreate(ctx: PassContext, desired: DesiredObject, owned: KubeObject, digest: string): Promise<ObjectOutcome> {
  const ref = desired.ref;
  const signalOpt = ctx.signal ? { signal: ctx.signal } : {};
  try {
    ctx.logger.info('recreating object: immutable field changed', { object: `${ref.kind} ${ref.namespace ?? ''}/${ref.name}` });
    await ctx.client.delete(ref, { propagationPolicy: 'Foreground', ...signalOpt });
    await waitUntilGone(ctx.client, ref, ctx.signal);
    const res = await ctx.client.apply(owned, { fieldManager: ctx.fieldManager, force: ctx.force, ...signalOpt });
    return {
      change: { ref, action: 'configured', reason: 'recreated: immutable field changed' },
      entry: entryFor(desired, digest, res.object, ctx.fieldManager),
    };
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    const error = asApplyError(err, desired);
    return { change: { ref, action: 'skipped', reason: error.message }, error };
  }
}

/** Wraps an API error as an {@link ApplyError} naming the object and where it came from. */
function asApplyError(err: unknown, desired: DesiredObject): SyncError {
  const origin = desired.origin;
  const where = `${origin.origin}#${origin.document}`;
  const what = `${desired.ref.kind} ${desired.ref.namespace ? desired.ref.namespace + '/' : ''}${desired.ref.name}`;
  if (isSyncError(err)) {
    const code = err.code === 'API_ERROR' || err.code === 'INVALID' ? 'APPLY_FAILED' : err.code;
    return new ApplyError(code, `${what} (${where}): ${err.message}`, { cause: err, ref: desired.ref, retryable: err.retryable, source: { origin: origin.origin, document: origin.document } });
  }
  return new ApplyError('APPLY_FAILED', `${what} (${where}): ${err instanceof Error ? err.message : String(err)}`, { cause: err, ref: desired.ref });
}

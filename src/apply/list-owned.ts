import { refKey, refOf, type KubeObject, type ObjectRef } from '../core/object-ref.js';
import { isSyncError } from '../core/sync-error.js';
import { ownerLabelValue, OWNER_LABEL } from './owner-identity.js';
import type { PassContext } from './pass-context.js';
import { runPool } from './run-pool.js';

/** Live objects owned by the sync, found by one LIST per kind and namespace of the given references. */
export interface OwnedObjects {
  /** Live objects by {@link refKey}. */
  readonly live: ReadonlyMap<string, KubeObject>;
  /** Kinds (`apiVersion/kind`) the cluster does not serve yet (their CRD is in this set). */
  readonly unservedKinds: ReadonlySet<string>;
}

/**
 * Lists, with the ownership label selector, every (kind, namespace) group of `refs` (the desired
 * set, or the objects to prune):
 * reads only, so an unchanged re-sync costs no write. Kinds not served yet are reported, not
 * thrown (their CRD may be applied earlier in the pass).
 */
export async function listOwned(ctx: PassContext, refs: readonly ObjectRef[]): Promise<OwnedObjects> {
  const groups = new Map<string, { apiVersion: string; kind: string; namespace?: string }>();
  for (const r of refs) {
    const key = `${r.apiVersion}|${r.kind}|${r.namespace ?? ''}`;
    if (!groups.has(key)) groups.set(key, { apiVersion: r.apiVersion, kind: r.kind, ...(r.namespace ? { namespace: r.namespace } : {}) });
  }
  const live = new Map<string, KubeObject>();
  const unservedKinds = new Set<string>();
  const labelSelector = `${OWNER_LABEL}=${ownerLabelValue(ctx.owner)}`;
  await runPool([...groups.values()], ctx.concurrency, async (g) => {
    try {
      const list = await ctx.client.list(g.apiVersion, g.kind, {
        labelSelector,
        ...(g.namespace ? { namespace: g.namespace } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      for (const item of list.items) {
        // Lists omit apiVersion/kind on items; the group tells them.
        const obj: KubeObject = { ...item, apiVersion: g.apiVersion, kind: g.kind };
        live.set(refKey(refOf(obj)), obj);
      }
    } catch (err) {
      if (isSyncError(err) && err.code === 'UNKNOWN_KIND') unservedKinds.add(`${g.apiVersion}/${g.kind}`);
      else throw err;
    }
  }, ctx.signal);
  return { live, unservedKinds };
}

import type { KubeObject } from '../core/object-ref.js';
import { refOf } from '../core/object-ref.js';
import { isSyncError } from '../core/sync-error.js';
import type { KubeClient } from '../cluster/kube-client.js';

/**
 * The finalizer the controller puts on a custom resource before its first apply; deleting the
 * resource then tears down what it applied (`deletionPolicy: Delete`) before the finalizer is
 * removed.
 *
 * @example
 * ```ts
 * import { FINALIZER, type KubeObject } from 'syncprims';
 * declare const sync: KubeObject;
 * const guarded = sync.metadata.finalizers?.includes(FINALIZER) ?? false;
 * ```
 */
export const FINALIZER = 'syncprims.dev/finalizer';

/** True when `obj` carries {@link FINALIZER}. */
export function hasFinalizer(obj: KubeObject): boolean {
  return obj.metadata.finalizers?.includes(FINALIZER) ?? false;
}

async function writeFinalizers(
  client: Pick<KubeClient, 'get' | 'replace'>,
  obj: KubeObject,
  change: (finalizers: string[]) => string[] | undefined,
  signal: AbortSignal,
): Promise<KubeObject | undefined> {
  let current: KubeObject | undefined = obj;
  for (let attempt = 0; current && attempt < 5; attempt++) {
    const next = change([...(current.metadata.finalizers ?? [])]);
    if (next === undefined) return current;
    try {
      return await client.replace({ ...current, metadata: { ...current.metadata, finalizers: next } }, { signal });
    } catch (err) {
      if (!(isSyncError(err) && err.code === 'CONFLICT_VERSION')) throw err;
      current = await client.get(refOf(current), { signal });
    }
  }
  return current;
}

/**
 * Adds {@link FINALIZER} (a PUT with optimistic concurrency, re-read and retried on conflicts)
 * and returns the object as the server has it; a no-op when present.
 *
 * Errors: the client's `SyncError` (`NOT_FOUND` when the object is gone, `FORBIDDEN`, ...).
 */
export async function addFinalizer(client: Pick<KubeClient, 'get' | 'replace'>, obj: KubeObject, signal: AbortSignal): Promise<KubeObject | undefined> {
  return writeFinalizers(client, obj, (f) => (f.includes(FINALIZER) ? undefined : [...f, FINALIZER]), signal);
}

/**
 * Removes {@link FINALIZER}, so the API server can finish deleting the object; resolves when
 * done or when the object is already gone.
 */
export async function removeFinalizer(client: Pick<KubeClient, 'get' | 'replace'>, obj: KubeObject, signal: AbortSignal): Promise<void> {
  try {
    await writeFinalizers(client, obj, (f) => (f.includes(FINALIZER) ? f.filter((x) => x !== FINALIZER) : undefined), signal);
  } catch (err) {
    if (isSyncError(err) && err.code === 'NOT_FOUND') return;
    throw err;
  }
}

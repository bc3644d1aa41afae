import type { KubeClient } from '../cluster/kube-client.js';
import type { ObjectRef } from '../core/object-ref.js';
import { isSyncError } from '../core/sync-error.js';
import { throwIfAborted } from '../core/abort.js';

/**
 * Resolves once the object no longer exists (finalizers done). Watch-driven: it reads the object,
 * then watches it by name until a `DELETED` event, re-reading whenever the watch ends.
 */
export async function waitUntilGone(client: KubeClient, ref: ObjectRef, signal?: AbortSignal): Promise<void> {
  for (;;) {
    throwIfAborted(signal);
    const live = await client.get(ref, signal ? { signal } : {});
    if (!live) return;
    const local = new AbortController();
    const onAbort = (): void => local.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let gone = false;
    try {
      await client.watch(
        ref.apiVersion,
        ref.kind,
        {
          ...(ref.namespace ? { namespace: ref.namespace } : {}),
          fieldSelector: `metadata.name=${ref.name}`,
          ...(live.metadata.resourceVersion ? { resourceVersion: live.metadata.resourceVersion } : {}),
          timeoutSeconds: 30,
          signal: local.signal,
        },
        (event) => {
          if (event.type === 'DELETED') {
            gone = true;
            local.abort();
          }
        },
      );
    } catch (err) {
      if (!gone && !(isSyncError(err) && err.code === 'GONE') && !local.signal.aborted) throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (gone) return;
  }
}

import type { KubeClient } from '../../cluster/index.js';
import { isSyncError, SyncError } from '../../core/sync-error.js';
import type { KindDefinition } from '../../core/syncer.js';
import { API_VERSION, PLURALS } from '../../api/group.js';

/**
 * Checks that the remote cluster serves the `Sync` kind (`syncs.syncprims.dev`), i.e. that the
 * syncprims CRDs, and so presumably the controller, are installed there. Resolves `true` when
 * served, `false` when not served but `assumeKinds` (a dry run after a dependency that would
 * install the CRDs) says it will be.
 *
 * Errors: `SyncError` `CONTROLLER_NOT_INSTALLED` (retryable: the RemoteSync installing it may
 * not have run yet) with the message `controller not installed in <cluster>: ...`; the client's
 * errors (`UNREACHABLE`, `FORBIDDEN`, ...) as they are.
 */
export async function checkControllerInstalled(
  client: KubeClient,
  clusterName: string,
  options: { signal?: AbortSignal; assumeKinds?: readonly KindDefinition[] } = {},
): Promise<boolean> {
  try {
    await client.mapping(API_VERSION, 'Sync', options.signal ? { signal: options.signal } : {});
    return true;
  } catch (err) {
    if (!(isSyncError(err) && (err.code === 'UNKNOWN_KIND' || err.code === 'NOT_FOUND'))) throw err;
    if (options.assumeKinds?.some((k) => k.apiVersion === API_VERSION && k.kind === 'Sync')) return false;
    throw new SyncError(
      'CONTROLLER_NOT_INSTALLED',
      `controller not installed in ${clusterName}: it does not serve ${PLURALS.Sync}.${API_VERSION.split('/')[0]} (${API_VERSION} Sync); ` +
        'install the syncprims CRDs and controller first, e.g. with a RemoteSync of deploy/ this ProxySync depends on',
      { cause: err, retryable: true },
    );
  }
}

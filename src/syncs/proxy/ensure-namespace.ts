import type { KubeClient } from '../../cluster/index.js';

/**
 * Makes sure a namespace exists: resolves `true` when it exists or was just created (server-side
 * apply with `fieldManager`), `false` in a dry run when it would be created.
 *
 * Errors: the client's (`FORBIDDEN`, `UNREACHABLE`, ...); the signal's reason when aborted.
 */
export async function ensureNamespace(
  client: Pick<KubeClient, 'get' | 'apply'>,
  name: string,
  options: { dryRun: boolean; fieldManager: string; signal?: AbortSignal },
): Promise<boolean> {
  const signal = options.signal ? { signal: options.signal } : {};
  if (await client.get({ apiVersion: 'v1', kind: 'Namespace', name }, signal)) return true;
  if (options.dryRun) return false;
  await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { fieldManager: options.fieldManager, ...signal });
  return true;
}

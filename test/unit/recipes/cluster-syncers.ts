import type { SyncPassOptions, Syncer } from '../../../src/core/syncer.js';
import type { ChangeAction, SyncResult, SyncState } from '../../../src/core/sync-result.js';
import { ClusterAccessError, SyncError } from '../../../src/core/sync-error.js';

/** What the fake clusters did, in order, and how many ran at once. */
export class Journal {
  readonly entries: string[] = [];
  readonly passes: { cluster: string; options: SyncPassOptions }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  calls(cluster: string): number {
    return this.passes.filter((p) => p.cluster === cluster).length;
  }
  at(entry: string): number {
    const i = this.entries.indexOf(entry);
    if (i < 0) throw new Error(`journal has no ${entry}: ${this.entries.join(', ')}`);
    return i;
  }
}

/** How one pass of a fake cluster ends. */
export type Behaviour =
  | { readonly kind: 'ready'; readonly action?: ChangeAction }
  | { readonly kind: 'failed'; readonly code?: string }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'reject'; readonly error: unknown }
  | { readonly kind: 'invalid' };

/**
 * A plain-object syncer standing for one cluster's sync: each pass follows the next behaviour
 * of `script` (the last one repeats), staying in flight for one macrotask (or until its signal
 * aborts, for `hang`).
 */
export function clusterSyncer(journal: Journal, cluster: string, script: readonly Behaviour[] = [{ kind: 'ready' }]): Syncer {
  const name = `app-${cluster}`;
  let pass = 0;
  const result = (state: SyncState, message: string, error?: SyncError, action: ChangeAction = 'created'): SyncResult => ({
    name,
    ready: state === 'ready',
    state,
    changes: state === 'ready' || state === 'planned' ? [{ ref: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'app' }, action }] : [],
    revision: `rev-${cluster}`,
    message,
    ...(error ? { error } : {}),
    durationMs: 0,
  });
  return {
    name,
    dependsOn: [],
    async sync(options: SyncPassOptions = {}): Promise<SyncResult> {
      const behaviour = script[Math.min(pass, script.length - 1)]!;
      pass++;
      journal.passes.push({ cluster, options });
      journal.entries.push(`start:${cluster}`);
      journal.inFlight++;
      journal.maxInFlight = Math.max(journal.maxInFlight, journal.inFlight);
      try {
        if (behaviour.kind === 'hang') {
          await new Promise<never>((_, reject) => {
            if (options.signal?.aborted) reject(options.signal.reason);
            options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
          });
        }
        await new Promise((resolve) => setImmediate(resolve));
        journal.entries.push(`end:${cluster}`);
        switch (behaviour.kind) {
          case 'ready':
            return result(options.dryRun ? 'planned' : 'ready', 'ok', undefined, behaviour.action);
          case 'failed':
            return result('failed', `${cluster} broke`, new SyncError(behaviour.code ?? 'APPLY_FAILED', `${cluster} broke`));
          case 'unreachable':
            return result('failed', `${cluster} unreachable`, new ClusterAccessError('UNREACHABLE', `${cluster} unreachable`, { retryable: true }));
          case 'reject':
            throw behaviour.error;
          case 'invalid':
            return { name } as unknown as SyncResult;
          default:
            throw new Error('unreachable code');
        }
      } finally {
        journal.inFlight--;
      }
    },
  };
}

import type { DeletePassOptions, SyncPassOptions, Syncer } from '../../../src/core/syncer.js';
import type { SyncResult, SyncState } from '../../../src/core/sync-result.js';
import { SyncError } from '../../../src/core/sync-error.js';

/** A shared journal of what the test syncers did, in order, and how many ran at once. */
export class Journal {
  readonly entries: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  readonly passOptions = new Map<string, SyncPassOptions | undefined>();

  log(entry: string): void {
    this.entries.push(entry);
  }
  enter(): void {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
  }
  leave(): void {
    this.inFlight--;
  }
  /** The position of an entry; fails the test when it is missing. */
  at(entry: string): number {
    const i = this.entries.indexOf(entry);
    if (i < 0) throw new Error(`journal has no ${entry}: ${this.entries.join(', ')}`);
    return i;
  }
  count(entry: string): number {
    return this.entries.filter((e) => e === entry).length;
  }
}

/** A promise resolved from outside. */
export interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}
export function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Yields to the event loop (a macrotask), so that other nodes get a chance to run. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface TestSyncerOptions {
  dependsOn?: Syncer[];
  /** The state the pass ends in. @default 'ready' ('planned' on dry runs) */
  state?: SyncState;
  message?: string;
  /** Wait for this before resolving. */
  until?: Gate;
  /** Macrotasks to stay in flight. @default 1 */
  ticks?: number;
  /** Reject with this instead of resolving. */
  reject?: unknown;
  /** Give the syncer a delete() that ends in this state. @default none */
  deleteState?: SyncState;
  /** Honour the abort signal while waiting. @default true */
  abortable?: boolean;
}

/**
 * A plain-object syncer (no class, no events) that records `start:<name>` / `end:<name>`
 * (and `delete:<name>`) in the journal. A real Syncer: it implements the interface fully.
 */
export function testSyncer(journal: Journal, name: string, options: TestSyncerOptions = {}): Syncer {
  const result = (state: SyncState, message: string): SyncResult => ({
    name,
    ready: state === 'ready',
    state,
    changes: [{ ref: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name }, action: 'unchanged' }],
    revision: `rev-${name}`,
    message,
    ...(state === 'ready' || state === 'planned' ? {} : { error: new SyncError(state === 'timeout' ? 'TIMEOUT' : 'APPLY_FAILED', message, { retryable: false }) }),
    durationMs: 0,
  });
  const wait = async (signal: AbortSignal | undefined): Promise<void> => {
    const abortable = options.abortable ?? true;
    const aborted = new Promise<never>((_, reject) => {
      if (abortable) signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    aborted.catch(() => {});
    for (let i = 0; i < (options.ticks ?? 1); i++) await Promise.race([tick(), aborted]);
    if (options.until) await Promise.race([options.until.promise, aborted]);
  };
  const syncer: Syncer = {
    name,
    dependsOn: options.dependsOn ?? [],
    async sync(pass?: SyncPassOptions): Promise<SyncResult> {
      journal.log(`start:${name}`);
      journal.passOptions.set(name, pass);
      journal.enter();
      try {
        await wait(pass?.signal);
      } finally {
        journal.leave();
      }
      journal.log(`end:${name}`);
      if (options.reject !== undefined) throw options.reject;
      const state = options.state ?? (pass?.dryRun ? 'planned' : 'ready');
      return result(state, options.message ?? `${name} ${state}`);
    },
  };
  if (options.deleteState) {
    const deleteState = options.deleteState;
    return Object.assign(syncer, {
      async delete(pass?: DeletePassOptions): Promise<SyncResult> {
        journal.log(`delete:${name}`);
        journal.enter();
        try {
          await wait(pass?.signal);
        } finally {
          journal.leave();
        }
        return result(deleteState, deleteState === 'ready' ? `${name} deleted` : `${name} delete ${deleteState}`);
      },
    });
  }
  return syncer;
}

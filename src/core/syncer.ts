import type { SyncResult } from './sync-result.js';

/** Options of one pass: {@link Syncer.sync}. */
export interface SyncPassOptions {
  /** Aborts the pass at the next step; the pass then rejects with the signal's reason. @default undefined (no abort) */
  signal?: AbortSignal;
  /** Plan only: compute `changes` with server-side dry runs and write nothing. @default false */
  dryRun?: boolean;
  /**
   * Dry runs only: kinds that dependencies of this syncer would create (CRDs they plan to
   * apply), so objects of those kinds are planned as `created` instead of refused as unknown.
   * A dag fills it from its nodes' {@link SyncResult.definesKinds}.
   * @default []
   */
  assumeKinds?: readonly KindDefinition[];
}

/** A kind a CustomResourceDefinition defines: what a dry run of a dependent may assume exists. */
export interface KindDefinition {
  /** `group/version`. */
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

/** Options of a teardown: {@link Syncer.delete}. */
export interface DeletePassOptions {
  /** Aborts the teardown at the next step. @default undefined (no abort) */
  signal?: AbortSignal;
}

/**
 * The one interface every primitive implements: `Sync`, `RemoteSync`, `ProxySync`, a `dag`,
 * and your own syncers.
 *
 * `sync()` is one level-based, idempotent pass: it makes the target match the desired
 * state once and reports what it did. It resolves with `ready: false` on failure and
 * rejects only for programming errors or an aborted `signal`.
 *
 * @example
 * ```ts
 * import { dag, type Syncer, type SyncResult } from 'syncprims';
 *
 * // A plain object is a syncer: here, a registration handshake.
 * const handshake: Syncer = {
 *   name: 'handshake',
 *   dependsOn: [],
 *   async sync(): Promise<SyncResult> {
 *     return { name: 'handshake', ready: true, state: 'ready', changes: [], revision: 'v1', message: 'registered', durationMs: 0 };
 *   },
 * };
 * const result = await dag(handshake).sync();
 * console.log(result.state);
 * ```
 */
export interface Syncer {
  /** Unique within a dag; used in messages, events and results. */
  readonly name: string;
  /** The syncers that must be ready, in the same pass, before this one runs. */
  readonly dependsOn: readonly Syncer[];
  /** One pass. See the interface description for resolve/reject rules. */
  sync(options?: SyncPassOptions): Promise<SyncResult>;
  /** Tears down what this syncer owns. Optional for custom syncers; a dag skips syncers without it. */
  delete?(options?: DeletePassOptions): Promise<SyncResult>;
}

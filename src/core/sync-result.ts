import type { ObjectRef } from './object-ref.js';
import type { SyncError } from './sync-error.js';
import type { KindDefinition } from './syncer.js';

/**
 * What happened to one object in a pass.
 *
 * - `created`: it did not exist and was applied.
 * - `configured`: it existed and differed (or had drifted) and was applied.
 * - `unchanged`: it already matched; no write was made.
 * - `pruned`: it was no longer desired (or the syncer was deleted) and was removed.
 * - `skipped`: it was left alone (prune opt-out annotation, not owned by this sync, or not reached).
 */
export type ChangeAction = 'created' | 'configured' | 'unchanged' | 'pruned' | 'skipped';

/** One entry of {@link SyncResult.changes}. */
export interface Change {
  /** The object. */
  readonly ref: ObjectRef;
  /** What happened (or, with `dryRun`, what would happen). */
  readonly action: ChangeAction;
  /** For `configured`: the field paths that differ (dry run), when known, e.g. `data.key`. */
  readonly fields?: readonly string[];
  /** Why, for `skipped` and recreated objects. */
  readonly reason?: string;
}

/**
 * The state a pass ended in.
 *
 * - `ready`: everything was applied and became ready.
 * - `failed`: something failed (see `error`).
 * - `blocked`: a dependency was not ready, so nothing was done.
 * - `timeout`: applied, but not ready within `timeout`.
 * - `planned`: a dry run; `changes` says what would happen.
 */
export type SyncState = 'ready' | 'failed' | 'blocked' | 'timeout' | 'planned';

/** An object that was not ready at the end of a pass, and why. */
export interface NotReady {
  readonly ref: ObjectRef;
  readonly reason: string;
}

/**
 * What a pass did. Every syncer returns one; a dag nests its nodes' results in `children`.
 *
 * A failed pass *resolves* with `ready: false`, `state` and a typed `error`; `sync()`
 * rejects only for programming errors (invalid options, dependency cycles) and when
 * its `signal` is aborted (with the signal's reason).
 */
export interface SyncResult {
  /** The syncer's name. */
  readonly name: string;
  /** True only when `state` is `ready`. */
  readonly ready: boolean;
  /** How the pass ended. */
  readonly state: SyncState;
  /** What was done to each object, in the order it was done. */
  readonly changes: readonly Change[];
  /** A digest of the desired set (`sha256:...`); equal revisions mean equal desired sets. */
  readonly revision: string;
  /** One line for humans. */
  readonly message: string;
  /** Why the pass did not end ready. */
  readonly error?: SyncError;
  /** Objects not ready at the end of the pass, with the reason. */
  readonly notReady?: readonly NotReady[];
  /** For a dag: the results of its nodes, in completion order. */
  readonly children?: readonly SyncResult[];
  /** Wall time of the pass in milliseconds. */
  readonly durationMs: number;
  /**
   * Requests the pass sent to the API server, by HTTP method (`GET`, `PATCH`, ...), when the
   * syncer talks to a cluster itself. An unchanged re-sync sends no `POST`/`PUT`/`PATCH`/`DELETE`.
   */
  readonly requests?: Readonly<Record<string, number>>;
  /** Kinds defined by CRDs in the desired set (set by dry runs), for dependents' dry runs. */
  readonly definesKinds?: readonly KindDefinition[];
}

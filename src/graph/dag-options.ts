import type { Logger } from '../core/logger.js';
import type { Syncer } from '../core/syncer.js';
import { OptionsError } from '../core/sync-error.js';

/** The name of a dag created without one. */
export const DEFAULT_DAG_NAME = 'dag';

/**
 * Options of {@link dag} / {@link Dag}: pass them as the last argument of `dag(...)`.
 *
 * @example
 * ```ts
 * import { dag, type DagOptions, type Syncer } from 'syncprims';
 * declare const crds: Syncer, app: Syncer;
 * const options: DagOptions = { name: 'bootstrap', concurrency: 4, failFast: true };
 * const bootstrap = dag(crds, app, options);
 * ```
 */
export interface DagOptions {
  /** The dag's name: its result's `name`, and its node name when nested in another dag. @default 'dag' */
  name?: string;
  /**
   * How many nodes run at once (an integer >= 1, or `Infinity`). A nested dag counts as one
   * node here and applies its own limit inside.
   *
   * Unbounded by default on purpose: syncers spend most of a pass waiting for readiness and
   * each one bounds its own API requests (`Sync`'s `concurrency`), so a small default here
   * would make independent branches queue behind unrelated slow waits. Set it to cap the number
   * of clusters contacted at once in large fleets.
   * @default Infinity
   */
  concurrency?: number;
  /**
   * Stop starting nodes after the first one ends not ready (`failed`, `timeout` or `blocked`).
   * Nodes already running finish (they are not aborted); nodes not started end `blocked`.
   * With `false`, only the dependents of a failed node are blocked and independent branches go on.
   * @default false
   */
  failFast?: boolean;
  /**
   * Syncers this dag itself depends on, when it is nested in another dag (like `dependsOn` of
   * any syncer). They are not run by this dag's own `sync()`.
   * @default []
   */
  dependsOn?: readonly Syncer[];
  /** Where diagnostics go (pass start/end, blocked nodes) at debug level. @default a silent logger */
  logger?: Logger;
}

/** Tells the options argument of `dag(...)` apart from a syncer: options have no `sync()`. */
export function isDagOptions(value: unknown): value is DagOptions {
  return typeof value === 'object' && value !== null && typeof (value as { sync?: unknown }).sync !== 'function';
}

const KNOWN_FIELDS = new Set(['name', 'concurrency', 'failFast', 'dependsOn', 'logger']);

/** Validates {@link DagOptions}; throws `OptionsError` naming the field (unknown fields included). */
export function validateDagOptions(options: DagOptions): void {
  if (typeof options !== 'object' || options === null) throw new OptionsError('dag: options must be an object');
  const name = options.name ?? DEFAULT_DAG_NAME;
  if (typeof name !== 'string' || name.length === 0) throw new OptionsError('dag: `name` must be a non-empty string');
  const where = `dag ${JSON.stringify(name)}`;
  for (const field of Object.keys(options)) {
    if (!KNOWN_FIELDS.has(field)) {
      throw new OptionsError(`${where}: unknown option \`${field}\` (a syncer given as the last argument needs a \`sync()\` function)`);
    }
  }
  const c = options.concurrency;
  if (c !== undefined && !(c === Infinity || (Number.isInteger(c) && c >= 1))) {
    throw new OptionsError(`${where}: \`concurrency\` must be an integer >= 1 or Infinity`);
  }
  if (options.failFast !== undefined && typeof options.failFast !== 'boolean') {
    throw new OptionsError(`${where}: \`failFast\` must be a boolean`);
  }
  if (options.dependsOn !== undefined && !Array.isArray(options.dependsOn)) {
    throw new OptionsError(`${where}: \`dependsOn\` must be an array of syncers`);
  }
}

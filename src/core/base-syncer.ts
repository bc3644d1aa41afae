import { EventEmitter } from 'eventemitter3';
import type { Syncer, SyncPassOptions, DeletePassOptions, KindDefinition } from './syncer.js';
import type { SyncerEvents } from './syncer-events.js';
import type { SyncResult, SyncState, Change, NotReady } from './sync-result.js';
import type { SyncError } from './sync-error.js';
import { OptionsError } from './sync-error.js';
import { silentLogger, type Logger } from './logger.js';

/** Options every {@link BaseSyncer} takes. */
export interface BaseSyncerOptions {
  /** The syncer's name: unique within a dag, a DNS-1123 label is recommended. */
  name: string;
  /** Syncers that must be ready in the same pass before this one runs. @default [] */
  dependsOn?: readonly Syncer[];
  /** Where diagnostics go. @default a silent logger */
  logger?: Logger;
}

/** Fields of a result that {@link BaseSyncer.makeResult} fills in when left out. */
export interface ResultInit {
  state: SyncState;
  message: string;
  changes?: readonly Change[];
  revision?: string;
  error?: SyncError;
  notReady?: readonly NotReady[];
  children?: readonly SyncResult[];
  requests?: Readonly<Record<string, number>>;
  definesKinds?: readonly KindDefinition[];
  startedAt: number;
}

/**
 * A base class for syncers: typed events (eventemitter3), a logger, and helpers to build
 * results. Extend it to write your own syncer; implement {@link BaseSyncer.sync}.
 *
 * @example
 * ```ts
 * import { BaseSyncer, type SyncPassOptions, type SyncResult } from 'syncprims';
 *
 * class HelmRelease extends BaseSyncer {
 *   async sync(options: SyncPassOptions = {}): Promise<SyncResult> {
 *     const startedAt = Date.now();
 *     options.signal?.throwIfAborted();
 *     // ... install or upgrade the release here ...
 *     return this.finish({ state: 'ready', message: 'release up to date', startedAt });
 *   }
 * }
 * const release = new HelmRelease({ name: 'ingress' });
 * release.on('ready', (r) => console.log(r.name, r.message));
 * ```
 */
export abstract class BaseSyncer extends EventEmitter<SyncerEvents> implements Syncer {
  readonly name: string;
  readonly dependsOn: readonly Syncer[];
  protected readonly logger: Logger;

  constructor(options: BaseSyncerOptions) {
    super();
    if (!options || typeof options.name !== 'string' || options.name.length === 0) {
      throw new OptionsError('a syncer needs a non-empty `name`');
    }
    if (options.dependsOn !== undefined && !Array.isArray(options.dependsOn)) {
      throw new OptionsError(`${options.name}: \`dependsOn\` must be an array of syncers`);
    }
    for (const [i, dep] of (options.dependsOn ?? []).entries()) {
      if (!dep || typeof dep.name !== 'string' || typeof dep.sync !== 'function') {
        throw new OptionsError(`${options.name}: dependsOn[${i}] is not a syncer (needs name and sync())`);
      }
    }
    this.name = options.name;
    this.dependsOn = Object.freeze([...(options.dependsOn ?? [])]);
    this.logger = options.logger ?? silentLogger;
  }

  abstract sync(options?: SyncPassOptions): Promise<SyncResult>;

  delete?(options?: DeletePassOptions): Promise<SyncResult>;

  /** Builds a {@link SyncResult} with defaults filled in. */
  protected makeResult(init: ResultInit): SyncResult {
    const result: SyncResult = {
      name: this.name,
      ready: init.state === 'ready',
      state: init.state,
      changes: init.changes ?? [],
      revision: init.revision ?? '',
      message: init.message,
      durationMs: Date.now() - init.startedAt,
      ...(init.error ? { error: init.error } : {}),
      ...(init.notReady && init.notReady.length > 0 ? { notReady: init.notReady } : {}),
      ...(init.children ? { children: init.children } : {}),
      ...(init.requests ? { requests: init.requests } : {}),
      ...(init.definesKinds && init.definesKinds.length > 0 ? { definesKinds: init.definesKinds } : {}),
    };
    return result;
  }

  /** Builds the result and emits `ready` (for `ready`/`planned`) or `failed`. */
  protected finish(init: ResultInit): SyncResult {
    const result = this.makeResult(init);
    if (result.state === 'ready' || result.state === 'planned') this.emit('ready', result);
    else this.emit('failed', result);
    return result;
  }
}

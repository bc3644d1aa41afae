import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import { SyncError } from '../core/sync-error.js';

/** What a {@link WorkQueue} handler may return: ask for the key to come back after a delay. */
export interface WorkResult {
  /** Process the key again after this many milliseconds. @default undefined (not again, unless added) */
  readonly requeueAfter?: number;
}

/** Processes one key; gets a signal that aborts when the queue stops. */
export type WorkHandler = (key: string, signal: AbortSignal) => Promise<WorkResult | void>;

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** Processes one key. A key is never handled twice at once. */
  handler: WorkHandler;
  /** Keys handled at the same time, at most. @default 4 */
  concurrency?: number;
  /** Where handler failures are reported. @default a silent logger */
  logger?: Logger;
}

/**
 * A work queue of string keys, like client-go's: per-key serialisation, deduplication,
 * bounded concurrency and delayed requeues.
 *
 * - `add(key)` while the key is queued is a no-op; while it is being handled, the key is
 *   marked dirty and handled once more afterwards (never concurrently).
 * - `addAfter(key, ms)` schedules the key; the earliest schedule wins, and handling a key
 *   cancels its schedule (the handler returns the next one).
 * - `stop()` aborts the handlers in flight (their signal), waits for them, and forgets every
 *   key and timer; `start()` may be called again afterwards.
 *
 * Caveats: a handler that throws is logged and not retried; return `requeueAfter` instead.
 *
 * @example
 * ```ts
 * import { WorkQueue } from 'syncprims';
 * const queue = new WorkQueue({
 *   concurrency: 2,
 *   handler: async (key, signal) => {
 *     signal.throwIfAborted();
 *     return { requeueAfter: 60_000 };
 *   },
 * });
 * queue.start();
 * queue.add('Sync/default/app');
 * await queue.stop();
 * ```
 */
export class WorkQueue {
  private readonly handler: WorkHandler;
  private readonly concurrency: number;
  private readonly logger: Logger;
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; at: number }>();
  private controller: AbortController | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(options: WorkQueueOptions) {
    const concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new SyncError('INVALID_OPTIONS', 'WorkQueue: `concurrency` must be an integer >= 1');
    }
    this.handler = options.handler;
    this.concurrency = concurrency;
    this.logger = options.logger ?? silentLogger;
  }

  /** True between `start()` and `stop()`. */
  get running(): boolean {
    return this.controller !== undefined;
  }

  /** Keys waiting to be handled (not counting scheduled ones). */
  get pending(): number {
    return this.queue.length;
  }

  /** Keys being handled right now. */
  get active(): number {
    return this.processing.size;
  }

  /** Keys with a delayed requeue scheduled. */
  get scheduled(): number {
    return this.timers.size;
  }

  /** Starts handling keys (a no-op when running). */
  start(): void {
    if (this.controller) return;
    this.controller = new AbortController();
    this.pump();
  }

  /**
   * Stops: aborts in-flight handlers with `reason`, waits until they return, forgets every
   * queued key and timer.
   */
  async stop(reason: unknown = new SyncError('ABORTED', 'the work queue is stopping', { retryable: true })): Promise<void> {
    const controller = this.controller;
    this.controller = undefined;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.dirty.clear();
    controller?.abort(reason);
    await Promise.allSettled([...this.processing.values()]);
    this.notifyIdle();
  }

  /** Queues `key` now (deduplicated). */
  add(key: string): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    if (!this.processing.has(key)) {
      this.queue.push(key);
      this.pump();
    }
  }

  /** Queues `key` after `delayMs` (the earliest pending schedule of a key wins). */
  addAfter(key: string, delayMs: number): void {
    if (!(delayMs > 0)) {
      this.add(key);
      return;
    }
    const at = Date.now() + delayMs;
    const existing = this.timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, delayMs);
    this.timers.set(key, { timer, at });
  }

  /** Drops a key: its schedule and its queued (not in-flight) entry. */
  forget(key: string): void {
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing.timer);
    this.timers.delete(key);
    if (this.dirty.delete(key)) {
      const index = this.queue.indexOf(key);
      if (index >= 0) this.queue.splice(index, 1);
    }
  }

  /** Resolves when nothing is queued or in flight (scheduled keys do not count). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.processing.size === 0 && (this.queue.length === 0 || !this.controller);
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private pump(): void {
    const controller = this.controller;
    if (!controller) return;
    while (this.processing.size < this.concurrency && this.queue.length > 0) {
      const key = this.queue.shift() as string;
      this.dirty.delete(key);
      const scheduled = this.timers.get(key);
      if (scheduled) {
        clearTimeout(scheduled.timer);
        this.timers.delete(key);
      }
      this.processing.set(key, this.run(key, controller));
    }
  }

  private async run(key: string, controller: AbortController): Promise<void> {
    let result: WorkResult | void = undefined;
    try {
      result = await this.handler(key, controller.signal);
    } catch (err) {
      if (!controller.signal.aborted) {
        this.logger.error('work queue handler failed', { key, error: err instanceof Error ? err.message : String(err) });
      }
    }
    this.processing.delete(key);
    if (this.controller === controller) {
      if (this.dirty.has(key)) this.queue.push(key);
      if (result && result.requeueAfter !== undefined) this.addAfter(key, result.requeueAfter);
      this.pump();
    }
    this.notifyIdle();
  }
}

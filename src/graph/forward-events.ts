import type { EventEmitter } from 'eventemitter3';
import type { Syncer } from '../core/syncer.js';
import type { SyncerEvents } from '../core/syncer-events.js';
import type { SyncResult } from '../core/sync-result.js';

/** Every event a syncer may emit, in {@link SyncerEvents}. */
export const SYNCER_EVENT_NAMES = ['applied', 'pruned', 'progress', 'ready', 'failed', 'warning'] as const satisfies readonly (keyof SyncerEvents)[];

const NOTHING_TO_UNSUBSCRIBE = (): void => {};

interface Subscribable {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Whether a syncer is an event emitter (has `on` and `off`), like every `BaseSyncer`. */
export function isSubscribable(syncer: Syncer): syncer is Syncer & Subscribable {
  const s = syncer as Partial<Subscribable>;
  return typeof s.on === 'function' && typeof s.off === 'function';
}

/**
 * Re-emits every event of `source` on `target`, payloads unchanged (they name their syncer).
 * `onOwnResult` is called when `source` emits `ready`/`failed` for itself (payload name equal
 * to its own), so the caller knows it need not emit one on its behalf. Returns the function
 * that unsubscribes; a source that is not an emitter is left alone (a no-op unsubscribe).
 */
export function forwardEvents(source: Syncer, target: EventEmitter<SyncerEvents>, onOwnResult: () => void): () => void {
  if (!isSubscribable(source)) return NOTHING_TO_UNSUBSCRIBE;
  const emit = target.emit.bind(target) as (event: string, ...args: unknown[]) => boolean;
  const listeners = SYNCER_EVENT_NAMES.map((event) => {
    const own = event === 'ready' || event === 'failed';
    const listener = (...args: unknown[]): void => {
      if (own && (args[0] as Partial<SyncResult> | undefined)?.name === source.name) onOwnResult();
      emit(event, ...args);
    };
    source.on(event, listener);
    return [event, listener] as const;
  });
  return () => {
    for (const [event, listener] of listeners) source.off(event, listener);
  };
}

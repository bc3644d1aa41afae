export * from './object-ref.js';
export * from './logger.js';
export * from './sync-error.js';
export * from './sync-result.js';
export * from './syncer.js';
export * from './syncer-events.js';
export * from './base-syncer.js';
export { sleep, anySignal, throwIfAborted } from './abort.js';

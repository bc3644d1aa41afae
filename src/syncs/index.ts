export * from './sync.js';
export * from './remote-sync.js';
export { type ApplySyncOptions, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, DEFAULT_FIELD_MANAGER } from './sync-options.js';
export { ApplySyncer } from './apply-syncer.js';
export * from '../apply/index.js';
export * from './proxy-sync.js';

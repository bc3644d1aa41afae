export type { HealthState, HealthStatus } from './health-status.js';
export { healthRule, type HealthRule, type HealthRuleTarget } from './health-rule.js';
export { evaluateHealth } from './evaluate-health.js';
export { waitForReady, DEFAULT_WAIT_TIMEOUT_MS } from './wait-for-ready.js';
export type { WaitOptions } from './wait-options.js';
export type { WaitOutcome, WaitReady, WaitFailed, WaitTimedOut, ObjectHealth, FailedObject } from './wait-outcome.js';
export type { WatchingClient } from './watch-group.js';

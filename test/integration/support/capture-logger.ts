import type { Logger } from '../../../src/core/logger.js';

/** A logger that keeps every line but debug, so tests can show them on failure and grep them for secrets. */
export function captureLogger(): { logger: Logger; logs: string[] } {
  const logs: string[] = [];
  const logger: Logger = {
    debug: () => {},
    info: (m, f) => logs.push(`info ${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => logs.push(`warn ${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => logs.push(`error ${m} ${JSON.stringify(f ?? {})}`),
  };
  return { logger, logs };
}

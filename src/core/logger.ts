/**
 * The logger syncprims writes to. Inject your own (pino, winston, console) through the
 * `logger` option; the library itself never writes to the console.
 *
 * Fields never carry Secret data.
 *
 * @example
 * ```ts
 * import type { Logger } from 'syncprims';
 * const logger: Logger = {
 *   debug: () => {},
 *   info: (msg, fields) => console.log(msg, fields ?? {}),
 *   warn: (msg, fields) => console.warn(msg, fields ?? {}),
 *   error: (msg, fields) => console.error(msg, fields ?? {}),
 * };
 * ```
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything: the default. */
export const silentLogger: Logger = Object.freeze({
  debug() {},
  info() {},
  warn() {},
  error() {},
});

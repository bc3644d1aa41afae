import type { Logger } from '../core/logger.js';

/** The least severe level a {@link createCliLogger} logger prints. */
export type CliLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Options of {@link createCliLogger}. */
export interface CliLoggerOptions {
  /** Receives one line (without newline) per entry: stderr, through the progress reporter. */
  readonly write: (line: string) => void;
  /** The least severe level printed. @default 'warn' */
  readonly level?: CliLogLevel;
  /** JSON lines (`{"time","level","msg",...fields}`) instead of `level message key=value`. @default false */
  readonly json?: boolean;
  /** Prefix text lines with an ISO timestamp (JSON lines always have `time`). @default false */
  readonly timestamps?: boolean;
  /** The clock. @default Date.now */
  readonly now?: () => number;
}

const RANK: Readonly<Record<CliLogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

function plainValue(value: unknown): unknown {
  if (value instanceof Error) return value.message;
  return value;
}

function textValue(value: unknown): string {
  const v = plainValue(value);
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  const json = JSON.stringify(v);
  return json === undefined ? String(v) : json;
}

/**
 * The CLI's {@link Logger}: writes entries at or above `level` as text or JSON lines. The
 * library logs no Secret data; this logger adds none.
 */
export function createCliLogger(options: CliLoggerOptions): Logger {
  const min = RANK[options.level ?? 'warn'];
  const now = options.now ?? Date.now;
  const log = (level: CliLogLevel) => (message: string, fields?: Record<string, unknown>): void => {
    if (RANK[level] < min) return;
    const time = new Date(now()).toISOString();
    if (options.json) {
      const entry: Record<string, unknown> = { time, level, msg: message };
      for (const [key, value] of Object.entries(fields ?? {})) if (!(key in entry)) entry[key] = plainValue(value);
      options.write(JSON.stringify(entry));
      return;
    }
    const pairs = Object.entries(fields ?? {}).map(([key, value]) => ` ${key}=${textValue(value)}`).join('');
    options.write(`${options.timestamps ? `${time} ` : ''}${level}: ${message}${pairs}`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

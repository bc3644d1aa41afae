import type { Cluster } from '../cluster/cluster.js';
import type { Logger } from '../core/logger.js';
import type { CliIo } from './cli-io.js';
import { createCliLogger, type CliLogLevel } from './cli-logger.js';
import type { GlobalFlags } from './parse-cli-args.js';
import { ProgressReporter } from './progress-reporter.js';

/** What a command gets: its IO, the global flags, and helpers to print and to reach the cluster. */
export interface CliContext {
  readonly io: CliIo;
  readonly global: GlobalFlags;
  /** Live progress on stderr. */
  readonly reporter: ProgressReporter;
  /** Logs on stderr (warnings; debug with `-v`). */
  readonly logger: Logger;
  /** Writes a result to stdout (after erasing the live progress line). */
  out(text: string): void;
  /** Writes a value as indented JSON to stdout. */
  outJson(value: unknown): void;
  /** Writes a message line to stderr. */
  note(text: string): void;
  /** Registers a cluster the command uses, so {@link CliContext.dispose} closes its connections. */
  useCluster(cluster: Cluster): Cluster;
  /** The current time in milliseconds. */
  now(): number;
  /** A logger at `level` (JSON lines with `-o json`), for long-running commands. */
  loggerAt(level: CliLogLevel, timestamps: boolean): Logger;
  /** Erases the live line and closes the cluster's connections, so the process can exit. */
  dispose(): void;
}

/** Builds the {@link CliContext} of one run. */
export function createCliContext(io: CliIo, global: GlobalFlags): CliContext {
  const reporter = new ProgressReporter({ stream: io.stderr, isTTY: io.isTTY, ...(io.columns !== undefined ? { columns: io.columns } : {}) });
  const now = io.now ?? Date.now;
  const loggerAt = (level: CliLogLevel, timestamps: boolean): Logger =>
    createCliLogger({ write: (line) => reporter.note(line), level: global.verbose ? 'debug' : level, json: global.output === 'json', timestamps, now });
  const logger = loggerAt('warn', false);
  const clusters: Cluster[] = [];
  return {
    io,
    global,
    reporter,
    logger,
    out(text) {
      reporter.clear();
      io.stdout.write(text);
    },
    outJson(value) {
      reporter.clear();
      io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    note(text) {
      reporter.note(text);
    },
    useCluster(cluster) {
      clusters.push(cluster);
      return cluster;
    },
    now,
    loggerAt,
    dispose() {
      reporter.clear();
      for (const cluster of clusters.splice(0)) cluster.close();
    },
  };
}

/** A stream the CLI writes text to: `process.stdout`, `process.stderr`, or a test's buffer. */
export interface CliWritable {
  write(chunk: string): unknown;
}

/**
 * Everything {@link runCli} reads from and writes to: the CLI is a function of its IO, so
 * tests run the real command runner with captured streams.
 *
 * @example
 * ```ts
 * import { runCli, type CliIo } from 'syncprims';
 * let out = '';
 * const io: CliIo = {
 *   stdout: { write: (s: string) => (out += s) },
 *   stderr: { write: () => true },
 *   stdin: [],
 *   env: {},
 *   isTTY: false,
 *   signal: new AbortController().signal,
 * };
 * const code = await runCli(['--version'], io);
 * ```
 */
export interface CliIo {
  /** Results: tables, YAML, JSON, the list of changes. */
  readonly stdout: CliWritable;
  /** Messages: progress, warnings, errors, logs. */
  readonly stderr: CliWritable;
  /** Read for `-f -` (chunks of UTF-8 text or bytes). */
  readonly stdin: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
  /** The environment (`KUBECONFIG`, `HOME`, `KUBERNETES_SERVICE_HOST`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether `stderr` is a terminal: live progress redrawn on one line, else plain lines. */
  readonly isTTY: boolean;
  /** Aborts the running command (Ctrl-C); the runner then resolves 130. */
  readonly signal: AbortSignal;
  /** Width of the terminal, to keep the live progress line on one row. @default 80 */
  readonly columns?: number;
  /** The clock, for ages in `status`. @default Date.now */
  readonly now?: () => number;
  /** The working directory relative paths are shown against (`fleet`). @default process.cwd() */
  readonly cwd?: string;
}

import type { CliIo } from '../../../src/cli/index.js';

/** A {@link CliIo} whose streams are captured, for running the real CLI runner in tests. */
export interface CapturedIo {
  readonly io: CliIo;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Aborts the run, as Ctrl-C does. */
  abort(): void;
}

/** Builds captured IO; `env` is exactly what is given (never the developer's own `KUBECONFIG`). */
export function captureIo(options: { env?: Record<string, string>; stdin?: CliIo['stdin']; isTTY?: boolean; now?: number } = {}): CapturedIo {
  let out = '';
  let err = '';
  const controller = new AbortController();
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: options.stdin ?? [],
    env: options.env ?? { HOME: '/nonexistent-home' },
    isTTY: options.isTTY ?? false,
    signal: controller.signal,
    columns: 100,
    ...(options.now !== undefined ? { now: () => options.now! } : {}),
  };
  return { io, stdout: () => out, stderr: () => err, abort: () => controller.abort(new Error('test abort')) };
}

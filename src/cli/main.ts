/**
 * The `syncprims` executable (`dist/cli.js`): wires the process's streams, environment and
 * signals to {@link runCli}. The first SIGINT/SIGTERM aborts the running command (it cleans
 * up and exits 130; `controller` stops gracefully and exits 0); a second one exits at once
 * with 130.
 */
import { SyncError } from '../core/sync-error.js';
import { runCli } from './run-cli.js';

const abort = new AbortController();
let signals = 0;
const onSignal = (signal: NodeJS.Signals): void => {
  signals++;
  if (signals > 1) {
    process.stderr.write('\n');
    process.exit(130);
  }
  abort.abort(new SyncError('ABORTED', `interrupted by ${signal}`, { retryable: true }));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // Lazy: stdin is only opened for `-f -`.
  stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
  env: process.env,
  isTTY: process.stderr.isTTY === true,
  signal: abort.signal,
  ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);

import { runController } from '../../controller/run-controller.js';
import { cliCluster } from './cli-cluster.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-code.js';
import type { CliInvocation } from '../parse-cli-args.js';
import { parseCountFlag } from '../parse-count-flag.js';

/**
 * `syncprims controller`: runs the controller (all three kinds, `-n` or all namespaces) until
 * the run's signal aborts (SIGTERM/SIGINT in `main`), then stops gracefully (in-flight passes
 * aborted, Lease released, Events flushed) and exits 0. Logs go to stderr at info level
 * (debug with `-v`, JSON lines with `-o json`).
 */
export async function runControllerCommand(ctx: CliContext, invocation: CliInvocation): Promise<ExitCode> {
  const { flags } = invocation;
  const concurrency = flags.concurrency !== undefined ? parseCountFlag('concurrency', flags.concurrency) : undefined;
  await runController({
    cluster: cliCluster(ctx),
    logger: ctx.loggerAt('info', true),
    leaderElection: flags['leader-elect'] ?? true,
    signal: ctx.io.signal,
    handleSignals: false,
    ...(ctx.global.namespace !== undefined ? { namespace: ctx.global.namespace } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
  });
  return ExitCode.Ok;
}

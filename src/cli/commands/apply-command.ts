import type { SyncResult } from '../../core/sync-result.js';
import { Sync } from '../../syncs/sync.js';
import { cliCluster } from './cli-cluster.js';
import type { CliContext } from '../cli-context.js';
import { cliSource } from '../cli-source.js';
import type { ExitCode } from '../exit-code.js';
import type { CliInvocation } from '../parse-cli-args.js';
import { parseCountFlag } from '../parse-count-flag.js';
import { parseDurationFlag } from '../parse-duration-flag.js';
import { printResult } from '../print-result.js';
import { requireName } from './require-name.js';

/**
 * `syncprims apply` and `syncprims diff`: one pass of a `Sync` of the `-f` files to the
 * cluster. `diff` (and `apply --dry-run`) plan with server-side dry runs and print each
 * change with the field paths that differ; nothing is written.
 */
export async function runApplyCommand(ctx: CliContext, invocation: CliInvocation): Promise<ExitCode> {
  const { flags } = invocation;
  const diff = invocation.command === 'diff';
  const name = requireName(flags.name, invocation.command);
  const dryRun = diff || (flags['dry-run'] ?? false);
  const timeout = flags.timeout !== undefined ? parseDurationFlag('timeout', flags.timeout) : undefined;
  const concurrency = flags.concurrency !== undefined ? parseCountFlag('concurrency', flags.concurrency) : undefined;
  const source = await cliSource(flags.filename, ctx.io, ctx.global.namespace);
  const sync = new Sync({
    name,
    cluster: cliCluster(ctx),
    source,
    prune: flags.prune ?? true,
    wait: flags.wait ?? true,
    force: flags.force ?? false,
    logger: ctx.logger,
    ...(timeout !== undefined ? { timeout } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(flags['target-namespace'] !== undefined ? { targetNamespace: flags['target-namespace'] } : {}),
  });
  const detach = ctx.reporter.attach(sync);
  let result: SyncResult;
  try {
    result = await sync.sync({ signal: ctx.io.signal, dryRun });
  } finally {
    detach();
  }
  return printResult(ctx, result, dryRun ? 'diff' : 'list');
}

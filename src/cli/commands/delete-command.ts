import type { SyncResult } from '../../core/sync-result.js';
import { Source } from '../../manifests/index.js';
import { Sync } from '../../syncs/sync.js';
import { cliCluster } from './cli-cluster.js';
import type { CliContext } from '../cli-context.js';
import type { ExitCode } from '../exit-code.js';
import type { CliInvocation } from '../parse-cli-args.js';
import { parseCountFlag } from '../parse-count-flag.js';
import { printResult } from '../print-result.js';
import { requireName } from './require-name.js';

/**
 * `syncprims delete --name N`: tears down what the sync `N` applied. Only the name is needed:
 * the inventory in the cluster lists the objects, so the `Sync` is built with an empty source.
 */
export async function runDeleteCommand(ctx: CliContext, invocation: CliInvocation): Promise<ExitCode> {
  const { flags } = invocation;
  const name = requireName(flags.name, 'delete');
  const concurrency = flags.concurrency !== undefined ? parseCountFlag('concurrency', flags.concurrency) : undefined;
  const sync = new Sync({
    name,
    cluster: cliCluster(ctx),
    source: Source.objects([], 'delete'),
    logger: ctx.logger,
    ...(concurrency !== undefined ? { concurrency } : {}),
  });
  const detach = ctx.reporter.attach(sync);
  let result: SyncResult;
  try {
    result = await sync.delete({ signal: ctx.io.signal });
  } finally {
    detach();
  }
  if (result.ready && result.changes.length === 0) ctx.note(`note: the sync ${JSON.stringify(name)} owns nothing in this cluster (no inventory, or an empty one)`);
  return printResult(ctx, result, 'list');
}

import { DEFAULT_INVENTORY_NAMESPACE } from '../../apply/inventory-store.js';
import { cliCluster } from './cli-cluster.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-code.js';
import { formatAge } from '../format-age.js';
import { formatTable } from '../format-table.js';
import { listInventories, type InventoryRow } from '../list-inventories.js';
import { listSyncResources, type SyncResourceRow } from '../list-sync-resources.js';

const MESSAGE_WIDTH = 70;

function age(now: number, createdAt: string | undefined): string {
  const t = createdAt ? Date.parse(createdAt) : NaN;
  return Number.isNaN(t) ? '-' : formatAge(now - t);
}

function shortRevision(revision: string): string {
  if (!revision) return '-';
  return (revision.startsWith('sha256:') ? revision.slice(7) : revision).slice(0, 12);
}

function clip(text: string, width: number): string {
  const one = text.replace(/\s*\n\s*/g, ' ');
  return one.length <= width ? one : `${one.slice(0, width - 1)}…`;
}

/** The text of `syncprims status`: the inventory table, then the custom resource table. */
export function formatStatusText(inventories: readonly InventoryRow[], resources: { installed: boolean; rows: readonly SyncResourceRow[] }, namespace: string | undefined, now: number): string {
  const parts: string[] = [];
  if (inventories.length === 0) parts.push(`No SDK syncs (no inventories in ${DEFAULT_INVENTORY_NAMESPACE}).\n`);
  else {
    parts.push(`SDK syncs (inventories in ${DEFAULT_INVENTORY_NAMESPACE}):\n`);
    parts.push(
      formatTable(
        ['name', 'kind', 'revision', 'objects', 'age'],
        inventories.map((r) => [r.ownerNamespace ? `${r.ownerNamespace}/${r.name}` : r.name, r.kind, shortRevision(r.revision), r.objects === undefined ? '-' : String(r.objects), age(now, r.createdAt)]),
      ),
    );
  }
  parts.push('\n');
  const where = namespace === undefined ? 'all namespaces' : `namespace ${namespace}`;
  if (!resources.installed) parts.push('The syncprims CRDs are not installed (install them with: syncprims crds | kubectl apply -f -).\n');
  else if (resources.rows.length === 0) parts.push(`No Sync, RemoteSync or ProxySync resources in ${where}.\n`);
  else {
    parts.push(`Custom resources (${where}):\n`);
    parts.push(
      formatTable(
        ['namespace', 'kind', 'name', 'ready', 'message', 'age'],
        resources.rows.map((r) => [r.namespace, r.kind, r.name, r.stale && r.ready !== '-' ? `${r.ready}*` : r.ready, clip(r.message, MESSAGE_WIDTH) || '-', age(now, r.createdAt)]),
      ),
    );
    if (resources.rows.some((r) => r.stale && r.ready !== '-')) parts.push('* the status is older than the latest spec (the controller has not caught up yet)\n');
  }
  return parts.join('');
}

/**
 * `syncprims status`: the syncs in a cluster. SDK syncs through their inventory ConfigMaps
 * (name, revision, object count) and, when the CRDs are installed, the `Sync`, `RemoteSync`
 * and `ProxySync` resources of `-n` or all namespaces (Ready, message, age).
 */
export async function runStatusCommand(ctx: CliContext): Promise<ExitCode> {
  const { signal } = ctx.io;
  const client = await cliCluster(ctx).connect({ signal });
  const inventories = await listInventories(client, signal);
  const resources = await listSyncResources(client, ctx.global.namespace, signal);
  if (ctx.global.output === 'json') {
    ctx.outJson({ inventories, crdsInstalled: resources.installed, resources: resources.rows });
  } else {
    ctx.out(formatStatusText(inventories, resources, ctx.global.namespace, ctx.now()));
  }
  return ExitCode.Ok;
}

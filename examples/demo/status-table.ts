import { API_VERSION, decodeStatus, KINDS, type Cluster, type KubeObject, type SyncResult } from '../../src/index.js';

/** One row of the final table. */
export type StatusRow = readonly [cluster: string, sync: string, kind: string, ready: string, revision: string, message: string];

/** The columns of {@link StatusRow}. */
export const STATUS_HEADER = ['CLUSTER', 'SYNC', 'KIND', 'READY', 'REVISION', 'MESSAGE'] as const;

const shortRevision = (revision: string): string => (revision ? revision.replace(/^sha256:/, '').slice(0, 10) : '-');
const shorten = (text: string, max = 70): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The syncprims custom resources of a cluster, one row each, from their status as the
 * controller wrote it (read from the API server: untrusted, decoded with the io-ts codecs).
 */
export async function resourceRows(clusterName: string, cluster: Cluster, signal: AbortSignal): Promise<StatusRow[]> {
  const client = await cluster.connect({ signal });
  const rows: StatusRow[] = [];
  for (const kind of KINDS) {
    let items: KubeObject[];
    try {
      items = (await client.list(API_VERSION, kind, { signal })).items;
    } catch {
      continue; // the kind is not served there
    }
    for (const obj of items) {
      const decoded = decodeStatus(kind, obj);
      const status = decoded.ok ? decoded.status : undefined;
      const ready = status?.conditions.find((c) => c.type === 'Ready');
      rows.push([
        clusterName,
        `${obj.metadata.namespace}/${obj.metadata.name}`,
        kind,
        ready?.status ?? 'Unknown',
        shortRevision(status?.lastAppliedRevision ?? ''),
        shorten(status?.message || ready?.message || (decoded.ok ? '' : `unreadable status: ${decoded.message}`)),
      ]);
    }
  }
  return rows;
}

/** A row for a syncer run from this process (e.g. the RemoteSync that installed an edge), from its last result. */
export function resultRow(clusterName: string, kind: string, result: SyncResult): StatusRow {
  return [clusterName, result.name, kind, result.ready ? 'True' : 'False', shortRevision(result.revision), shorten(result.message)];
}

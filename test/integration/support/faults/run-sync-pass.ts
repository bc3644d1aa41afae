/**
 * Child script of the fault suite: one `Sync` pass from its own OS process, started on a
 * barrier so that two such processes run their passes at the same moment.
 *
 * Argument (JSON): { kubeconfig, name, namespace, names, data }. Prints `ready` once connected,
 * waits for a `go` line on stdin, runs the pass and prints `result <json>`: state, error code,
 * retryable, message and the number of changes per action. Exits by itself after 90 s at most.
 */
import { createInterface } from 'node:readline';
import { Cluster, Source, Sync } from '../../../../src/index.js';

interface Args {
  kubeconfig: string;
  name: string;
  namespace: string;
  names: string[];
  data: Record<string, string>;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
setTimeout(() => process.exit(3), 90_000).unref();

const cluster = Cluster.fromKubeconfig({ path: args.kubeconfig });
const client = await cluster.connect();
await client.mapping('v1', 'ConfigMap'); // warm the connection and discovery before the barrier
const source = Source.objects(args.names.map((name) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: args.namespace }, data: args.data })));
const sync = new Sync({ name: args.name, cluster, source });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => {
  createInterface({ input: process.stdin }).on('line', (line) => line.trim() === 'go' && resolve());
});
const result = await sync.sync({ signal: AbortSignal.timeout(60_000) });
const actions: Record<string, number> = {};
for (const c of result.changes) actions[c.action] = (actions[c.action] ?? 0) + 1;
process.stdout.write(
  `result ${JSON.stringify({ state: result.state, code: result.error?.code, retryable: result.error?.retryable, message: result.message, actions })}\n`,
);
cluster.close();
process.exit(0);

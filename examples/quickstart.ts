/**
 * Quick start: a `Sync` of a folder of manifests.
 *
 *   npm run fleet:up && export KUBECONFIG=$PWD/.fleet/kubeconfig.yaml   # or any cluster
 *   npx tsx examples/quickstart.ts [folder]                            # default: examples/manifests/hello
 *
 * Plans first (a server-side dry run: nothing is written), then applies: staged server-side
 * apply, an inventory in the cluster, prune of what left the folder, and a readiness wait.
 * Run it twice: the second pass reports every object `unchanged` and writes nothing.
 *
 * In your own code, import from 'syncprims'; the examples import the repository's sources.
 */
import { fileURLToPath } from 'node:url';
import { Cluster, Source, Sync, formatRef } from '../src/index.js';

const folder = process.argv[2] ?? fileURLToPath(new URL('./manifests/hello', import.meta.url));
const cluster = Cluster.fromKubeconfig(); // $KUBECONFIG, else ~/.kube/config
const app = new Sync({ name: 'quickstart', cluster, source: Source.files(folder), timeout: 60_000 });
app.on('applied', ({ change }) => console.log(`  ${change.action.padEnd(10)} ${formatRef(change.ref)}`));
app.on('pruned', ({ change }) => console.log(`  ${change.action.padEnd(10)} ${formatRef(change.ref)}`));

const signal = AbortSignal.timeout(120_000);
console.log(`plan for ${folder}:`);
const plan = await app.sync({ dryRun: true, signal });
console.log(plan.message);

console.log('apply:');
const result = await app.sync({ signal });
console.log(`${result.state}: ${result.message} (revision ${result.revision.slice(0, 19)}, ${result.durationMs} ms)`);
if (!result.ready) {
  console.error(`${result.error?.code}: ${result.error?.message}`);
  process.exitCode = 1;
}
cluster.close();

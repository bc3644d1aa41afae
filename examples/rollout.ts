/**
 * A rollout in waves, with a plan first.
 *
 *   npm run fleet:up && export KUBECONFIG=$PWD/.fleet/kubeconfig.yaml   # contexts edge-1, edge-2
 *   npx tsx examples/rollout.ts
 *
 * `mode: 'remote'` applies from here with a RemoteSync per cluster, so no controller is needed
 * in the clusters; the default, `mode: 'proxy'`, hands each cluster a Sync resource that its own
 * controller keeps applied (see `npm run demo`). edge-1 is the canary; with `maxFailures: 0`
 * a failure there halts the rollout and edge-2 is left untouched.
 *
 * In your own code, import from 'syncprims'; the examples import the repository's sources.
 */
import { Cluster, Source } from '../src/index.js';
import { rollout } from '../src/recipes/index.js';

const contexts = ['edge-1', 'edge-2'];
const clusters = contexts.map((context) => Cluster.fromKubeconfig({ context, name: context }));
const web = rollout({
  name: 'web',
  mode: 'remote',
  clusters: clusters.map((cluster, i) => ({ name: contexts[i]!, cluster, canary: i === 0 })),
  source: Source.yaml(`
apiVersion: v1
kind: Namespace
metadata: { name: web }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: web-settings, namespace: web }
data: { color: blue }
`, 'web manifests'),
  strategy: { maxConcurrency: 1, maxFailures: 0, soakTime: 2_000, waveTimeout: 120_000, unreachable: 'skip' },
  onWave: (e) => {
    if (e.type === 'started') console.log(`wave ${e.index}${e.canary ? ' (canary)' : ''}: ${e.clusters.join(', ')}`);
    if (e.type === 'finished') console.log(`  ${e.wave.state}: ready ${e.wave.ready.join(', ') || '-'}; failed ${e.wave.failed.join(', ') || '-'}; skipped ${e.wave.skipped.join(', ') || '-'}`);
    if (e.type === 'soaking') console.log(`  soaking ${e.ms} ms`);
    if (e.type === 'halted') console.log(`  halted: ${e.failures} failure(s) > maxFailures ${e.maxFailures}`);
  },
});

const signal = AbortSignal.timeout(600_000);
const plan = await web.sync({ dryRun: true, signal });
console.log(plan.message);
const result = await web.sync({ signal });
console.log(`${result.state}: ${result.message}`);
for (const child of result.children) console.log(`  ${child.name}: ${child.state} ${child.message}`);
process.exitCode = result.ready ? 0 : 1;
for (const cluster of clusters) cluster.close();

/**
 * Child script of the fault suite: the syncprims controller in its own OS process, so a test
 * can kill it with SIGKILL in the middle of a reconcile, as a crashed pod would be.
 *
 * Argument (JSON): { kubeconfig, namespace }. Prints `started` once the caches are filled.
 * Exits by itself after 90 s at most.
 */
import { Cluster } from '../../../../src/index.js';
import { Controller } from '../../../../src/controller/index.js';

const args = JSON.parse(process.argv[2] ?? '{}') as { kubeconfig: string; namespace: string };
// Keeps the process alive until killed, and ends it after 90 s whatever happens.
setTimeout(() => process.exit(3), 90_000);

const controller = new Controller({ cluster: Cluster.fromKubeconfig({ path: args.kubeconfig }), namespace: args.namespace, leaderElection: false, events: false });
controller.on('reconciling', (e) => process.stdout.write(`reconciling ${e.kind}/${e.name}\n`));
await controller.start();
process.stdout.write('started\n');

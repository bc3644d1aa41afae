/**
 * `npm run fleet:up` / `npm run fleet:down` / `node --import tsx scripts/fleet.ts status`:
 * a local fleet for people (the demo, benchmarks, fast test iterations). `up` starts the
 * fleet detached, prints where its kubeconfigs are and exits; `down` stops it and deletes
 * its files. Options: --dir <folder> (default .fleet), --clusters a,b,c (default
 * mgmt,edge-1,edge-2), --no-controller-manager.
 */
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { attachFleet, FleetError, FLEET_USERS, startFleet, type Fleet } from '../src/fleet/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string', default: '.fleet' },
    clusters: { type: 'string', default: 'mgmt,edge-1,edge-2' },
    'no-controller-manager': { type: 'boolean', default: false },
  },
});
const command = positionals[0] ?? 'status';
const dir = values.dir;
const show = (p: string): string => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p));

function printFleet(fleet: Fleet): void {
  for (const cluster of Object.values(fleet.clusters)) {
    console.log(`  ${cluster.name.padEnd(8)} ${cluster.server}`);
    for (const user of FLEET_USERS) console.log(`    ${user.padEnd(10)} ${show(cluster.kubeconfigPath(user))}`);
  }
  console.log(`\nexport KUBECONFIG=${fleet.kubeconfigPath}   # contexts: ${Object.keys(fleet.clusters).join(', ')} (admin), <cluster>-restricted|alice|bob`);
  console.log(`export SYNCPRIMS_FLEET_STATE=${fleet.stateFile}   # integration tests reuse this fleet`);
}

async function running(): Promise<Fleet | undefined> {
  try {
    return await attachFleet({ dir });
  } catch (err) {
    if (err instanceof FleetError && (err.code === 'FLEET_STATE_INVALID' || err.code === 'FLEET_NOT_RUNNING')) return undefined;
    throw err;
  }
}

async function main(): Promise<number> {
  switch (command) {
    case 'up': {
      const existing = await running();
      if (existing) {
        console.log(`a fleet is already running in ${show(existing.dir)}:`);
        printFleet(existing);
        return 0;
      }
      const t0 = Date.now();
      const fleet = await startFleet({
        dir,
        clusters: values.clusters.split(',').map((s) => s.trim()).filter(Boolean),
        controllerManager: !values['no-controller-manager'],
        detached: true,
        onProgress: (line) => console.log(`[fleet] ${line}`),
      });
      console.log(`\nfleet up in ${((Date.now() - t0) / 1000).toFixed(1)} s (${show(fleet.dir)}); stop it with: npm run fleet:down`);
      printFleet(fleet);
      return 0;
    }
    case 'down': {
      let fleet: Fleet;
      try {
        fleet = await attachFleet({ dir, requireRunning: false });
      } catch (err) {
        if (err instanceof FleetError && err.code === 'FLEET_STATE_INVALID') {
          console.log(`no fleet in ${dir}`);
          return 0;
        }
        throw err;
      }
      await fleet.stop();
      console.log(`fleet in ${show(fleet.dir)} stopped and removed`);
      return 0;
    }
    case 'status': {
      const fleet = await running();
      if (!fleet) {
        console.log(`no running fleet in ${dir}`);
        return 1;
      }
      console.log(`fleet running in ${show(fleet.dir)}:`);
      printFleet(fleet);
      return 0;
    }
    default:
      console.error(`usage: node --import tsx scripts/fleet.ts up|down|status [--dir .fleet] [--clusters a,b] [--no-controller-manager]`);
      return 2;
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    process.exitCode = 1;
  },
);

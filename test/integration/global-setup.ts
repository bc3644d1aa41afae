/**
 * vitest globalSetup of the integration project: starts the local fleet once per run (3
 * clusters: mgmt, edge-1, edge-2) and hands it to the tests through `provide`
 * (read it with `fleetInfo()` from ./fleet-context.ts).
 *
 * Environment:
 * - `SYNCPRIMS_FLEET_STATE=<path to fleet.json>`: reuse a fleet started with `npm run fleet:up`
 *   (saves its start-up on every run); it is left running afterwards.
 * - `SYNCPRIMS_TEST_KUBECONFIG=<kubeconfig>`: single-cluster tests use that cluster instead.
 * - `SYNCPRIMS_TEST_FLEET=off`: start no fleet (only with `SYNCPRIMS_TEST_KUBECONFIG`; multi-cluster tests then fail or skip).
 * - `SYNCPRIMS_FLEET_KEEP=1`: keep the fleet's files (logs, etcd data) after the run.
 * - `SYNCPRIMS_K8S_BIN=<dir>`: use existing binaries instead of the cached build.
 */
import type { TestProject } from 'vitest/node';
import { attachFleet, readFleetState, startFleet, type Fleet } from '../../src/fleet/index.js';
import type { ProvidedFleet } from './fleet-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const externalKubeconfig = process.env.SYNCPRIMS_TEST_KUBECONFIG || null;
  const log = (line: string): void => void process.stderr.write(`[fleet] ${line}\n`);
  if (process.env.SYNCPRIMS_TEST_FLEET === 'off') {
    if (!externalKubeconfig) throw new Error('SYNCPRIMS_TEST_FLEET=off needs SYNCPRIMS_TEST_KUBECONFIG');
    project.provide('syncprimsFleet', { stateFile: null, state: null, externalKubeconfig, reused: false } satisfies ProvidedFleet);
    return async () => undefined;
  }
  const reuse = process.env.SYNCPRIMS_FLEET_STATE;
  let fleet: Fleet;
  if (reuse) {
    fleet = await attachFleet({ stateFile: reuse });
    log(`reusing the fleet of ${fleet.stateFile}`);
  } else {
    fleet = await startFleet({ onProgress: log });
  }
  project.provide('syncprimsFleet', {
    stateFile: fleet.stateFile,
    state: readFleetState(fleet.stateFile),
    externalKubeconfig,
    reused: Boolean(reuse),
  } satisfies ProvidedFleet);
  return async () => {
    if (reuse) return;
    const keepFiles = process.env.SYNCPRIMS_FLEET_KEEP === '1';
    await fleet.stop({ keepFiles });
    if (keepFiles) log(`fleet files kept in ${fleet.dir}`);
  };
}

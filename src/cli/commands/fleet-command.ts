import { isAbsolute, relative } from 'node:path';
import { OptionsError } from '../../core/sync-error.js';
import { attachFleet } from '../../fleet/attach-fleet.js';
import { FleetError } from '../../fleet/fleet-error.js';
import { FLEET_USERS } from '../../fleet/fleet-user.js';
import type { Fleet } from '../../fleet/fleet.js';
import { DEFAULT_FLEET_CLUSTERS, startFleet } from '../../fleet/start-fleet.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-code.js';
import type { CliInvocation } from '../parse-cli-args.js';

/** The default fleet folder, as for `npm run fleet:up`. */
export const DEFAULT_FLEET_DIR = '.fleet';

/** A fleet as `-o json` prints it. */
interface FleetJson {
  readonly running: boolean;
  readonly dir: string;
  readonly stateFile?: string;
  readonly kubeconfig?: string;
  readonly clusters?: readonly { name: string; server: string; kubeconfigs: Record<string, string> }[];
}

function fleetJson(fleet: Fleet): FleetJson {
  return {
    running: true,
    dir: fleet.dir,
    stateFile: fleet.stateFile,
    kubeconfig: fleet.kubeconfigPath,
    clusters: Object.values(fleet.clusters).map((c) => ({
      name: c.name,
      server: c.server,
      kubeconfigs: Object.fromEntries(FLEET_USERS.map((user) => [user, c.kubeconfigPath(user)])),
    })),
  };
}

function fleetText(fleet: Fleet, cwd: string): string {
  const show = (p: string): string => {
    const rel = relative(cwd, p);
    return rel.startsWith('..') || isAbsolute(rel) ? p : rel;
  };
  const lines: string[] = [];
  for (const cluster of Object.values(fleet.clusters)) {
    lines.push(`  ${cluster.name.padEnd(8)} ${cluster.server}`);
    for (const user of FLEET_USERS) lines.push(`    ${user.padEnd(10)} ${show(cluster.kubeconfigPath(user))}`);
  }
  lines.push('', `export KUBECONFIG=${fleet.kubeconfigPath}   # contexts: ${Object.keys(fleet.clusters).join(', ')} (admin), <cluster>-restricted|alice|bob`);
  lines.push(`export SYNCPRIMS_FLEET_STATE=${fleet.stateFile}   # integration tests reuse this fleet`);
  return `${lines.join('\n')}\n`;
}

/** The running fleet of `dir`, or `undefined` when there is none (no state file, or its processes are gone). */
async function runningFleet(dir: string, signal: AbortSignal): Promise<Fleet | undefined> {
  try {
    return await attachFleet({ dir, signal });
  } catch (err) {
    if (err instanceof FleetError && (err.code === 'FLEET_STATE_INVALID' || err.code === 'FLEET_NOT_RUNNING')) return undefined;
    throw err;
  }
}

function parseClusters(text: string | undefined): string[] {
  if (text === undefined) return [...DEFAULT_FLEET_CLUSTERS];
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new OptionsError('--clusters: give at least one cluster name, e.g. mgmt,edge-1');
  return names;
}

/**
 * `syncprims fleet up|down|status`: the local fleet of API servers, like `npm run fleet:up`
 * and `npm run fleet:down` (the same `startFleet`/`attachFleet` of `syncprims/fleet`).
 * `up` starts it detached (or shows the running one) and prints where its kubeconfigs are;
 * `down` stops it and removes its files; `status` exits 1 when no fleet runs.
 */
export async function runFleetCommand(ctx: CliContext, invocation: CliInvocation): Promise<ExitCode> {
  const { flags } = invocation;
  const action = invocation.args[0];
  const dir = flags.dir ?? DEFAULT_FLEET_DIR;
  const { signal } = ctx.io;
  const cwd = ctx.io.cwd ?? process.cwd();
  const json = ctx.global.output === 'json';
  if (action !== 'up' && flags.clusters !== undefined) throw new OptionsError(`fleet ${action}: --clusters is for fleet up`);
  if (action !== 'up' && flags['controller-manager'] !== undefined) throw new OptionsError(`fleet ${action}: --controller-manager is for fleet up`);
  switch (action) {
    case 'up': {
      const clusters = parseClusters(flags.clusters);
      const existing = await runningFleet(dir, signal);
      if (existing) {
        ctx.note(`a fleet is already running in ${existing.dir}`);
        if (json) ctx.outJson(fleetJson(existing));
        else ctx.out(fleetText(existing, cwd));
        return ExitCode.Ok;
      }
      const started = ctx.now();
      const fleet = await startFleet({
        dir,
        clusters,
        controllerManager: flags['controller-manager'] ?? true,
        detached: true,
        signal,
        onProgress: (line) => ctx.note(`[fleet] ${line}`),
      });
      ctx.note(`fleet up in ${((ctx.now() - started) / 1000).toFixed(1)}s; stop it with: syncprims fleet down${dir === DEFAULT_FLEET_DIR ? '' : ` --dir ${dir}`}`);
      if (json) ctx.outJson(fleetJson(fleet));
      else ctx.out(fleetText(fleet, cwd));
      return ExitCode.Ok;
    }
    case 'down': {
      let fleet: Fleet;
      try {
        fleet = await attachFleet({ dir, requireRunning: false, signal });
      } catch (err) {
        if (!(err instanceof FleetError && err.code === 'FLEET_STATE_INVALID')) throw err;
        ctx.note(`no fleet in ${dir}`);
        if (json) ctx.outJson({ running: false, dir });
        return ExitCode.Ok;
      }
      await fleet.stop();
      ctx.note(`fleet in ${fleet.dir} stopped and removed`);
      if (json) ctx.outJson({ running: false, dir: fleet.dir });
      return ExitCode.Ok;
    }
    case 'status': {
      const fleet = await runningFleet(dir, signal);
      if (!fleet) {
        if (json) ctx.outJson({ running: false, dir } satisfies FleetJson);
        ctx.note(`no running fleet in ${dir}`);
        return ExitCode.Failed;
      }
      if (json) ctx.outJson(fleetJson(fleet));
      else ctx.out(`fleet running in ${fleet.dir}:\n${fleetText(fleet, cwd)}`);
      return ExitCode.Ok;
    }
    default:
      throw new OptionsError(`fleet: expected up, down or status, got ${JSON.stringify(action)}`);
  }
}

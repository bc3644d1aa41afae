import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { FleetError } from './fleet-error.js';
import type { FleetProcessState } from './fleet-state.js';

/**
 * Starts a fleet process as the leader of its own process group (so Ctrl-C in a terminal
 * does not reach it and the whole group can be signalled), appending stdout and stderr to
 * its log file, and returns its pid. The process does not keep the caller's event loop alive.
 *
 * Errors: `FleetError` `FLEET_START_FAILED` when it cannot be spawned.
 */
export function spawnProcess(spec: Omit<FleetProcessState, 'pid'>): number {
  const fd = openSync(spec.log, 'a', 0o600);
  try {
    const child = spawn(spec.command, spec.args, { detached: true, stdio: ['ignore', fd, fd], env: childEnv() });
    child.on('error', () => undefined); // reported below through the missing pid
    if (child.pid === undefined) {
      throw new FleetError('FLEET_START_FAILED', `cannot start ${spec.command} (see ${spec.log})`);
    }
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** The environment of fleet processes: the caller's, minus proxies that would capture loopback traffic. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['NO_PROXY', 'no_proxy']) env[name] = ['127.0.0.1', 'localhost', env[name]].filter(Boolean).join(',');
  return env;
}

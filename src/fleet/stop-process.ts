import { sleep } from '../core/abort.js';
import { FleetError } from './fleet-error.js';
import { isProcessAlive, signalProcessGroup } from './process-control.js';

/** Options of {@link stopProcess}. */
export interface StopProcessOptions {
  /** Send SIGKILL at once instead of SIGTERM first (a crash, as in "apiserver killed mid-apply"). @default false */
  force?: boolean;
  /**
   * How long to wait after SIGTERM before SIGKILL, in milliseconds. Short on purpose: a 1.20
   * kube-apiserver with open watches does not finish a graceful shutdown on its own.
   * @default 3_000
   */
  graceMs?: number;
  /** Aborts the wait (the signal already sent is not undone). @default undefined */
  signal?: AbortSignal;
}

/**
 * Stops a fleet process and waits until it is gone: SIGTERM to its process group, then
 * SIGKILL after `graceMs`. A pid that no longer runs `command` counts as already stopped.
 *
 * Errors: `FleetError` `FLEET_STOP_FAILED` when it survives SIGKILL for 10 s.
 */
export async function stopProcess(pid: number, command: string, options: StopProcessOptions = {}): Promise<void> {
  if (!isProcessAlive(pid, command)) return;
  signalProcessGroup(pid, options.force ? 'SIGKILL' : 'SIGTERM');
  if (await waitForExit(pid, command, options.force ? 10_000 : (options.graceMs ?? 3_000), options.signal)) return;
  signalProcessGroup(pid, 'SIGKILL');
  if (await waitForExit(pid, command, 10_000, options.signal)) return;
  throw new FleetError('FLEET_STOP_FAILED', `${command} (pid ${pid}) is still running after SIGKILL`, { retryable: true });
}

/**
 * Resolves true once the process is gone, false after `ms`. Liveness only: the command was
 * checked before signalling, and an exiting process's cmdline reads empty before it is gone,
 * which a command check would take for "exited".
 */
async function waitForExit(pid: number, _command: string, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await sleep(25, signal);
  }
  return !isProcessAlive(pid);
}

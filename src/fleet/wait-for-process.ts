import { readFileSync } from 'node:fs';
import { sleep } from '../core/abort.js';
import { FleetError } from './fleet-error.js';
import { isProcessAlive } from './process-control.js';

/** A process being waited for: it must stay alive while `check` polls. */
export interface AwaitedProcess {
  /** For messages, e.g. `kube-apiserver of edge-1`. */
  label: string;
  pid: number;
  command: string;
  log: string;
}

/**
 * Polls `check` every `intervalMs` until it returns true. Fails fast when the process exits
 * (the error names its log file and quotes its last lines) and after `timeoutMs`.
 *
 * Errors: `FleetError` `FLEET_START_FAILED` (`cause.logTail` holds the log's last lines).
 */
export async function waitForProcess(
  proc: AwaitedProcess,
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    if (!isProcessAlive(proc.pid, proc.command)) {
      throw new FleetError('FLEET_START_FAILED', `${proc.label} exited before ${what}; log: ${proc.log}\n${readLogTail(proc.log)}`, {
        retryable: true,
      });
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new FleetError('FLEET_START_FAILED', `${proc.label} not ${what} after ${options.timeoutMs} ms; log: ${proc.log}`, {
        retryable: true,
      });
    }
    await sleep(options.intervalMs ?? 100, options.signal);
  }
}

/** The last lines of a log file (for error messages), or '' when unreadable. */
export function readLogTail(path: string, lines = 8): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

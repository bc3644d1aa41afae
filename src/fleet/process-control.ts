import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Sends a signal to a process group (the fleet starts every process as the leader of its
 * own group), falling back to the single process. Returns false when nothing received it.
 */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * True when `pid` runs and is not a zombie. With `command`, also checks that the process
 * runs that executable, so a pid reused by an unrelated process after a crash is never
 * mistaken for (and never killed as) a fleet process. Linux reads `/proc`; elsewhere the
 * check falls back to `kill(pid, 0)`.
 */
export function isProcessAlive(pid: number, command?: string): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return isProcMounted() ? false : existsByKill(pid);
    return existsByKill(pid);
  }
  // Format: "pid (comm) S ...": the state follows the last ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  if (state === 'Z' || state === 'X' || state === 'x') return false;
  if (command === undefined) return true;
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return argv0 === command || basename(argv0) === basename(command);
  } catch {
    return false;
  }
}

function existsByKill(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let procMounted: boolean | undefined;
function isProcMounted(): boolean {
  if (procMounted === undefined) {
    try {
      readFileSync('/proc/self/stat', 'utf8');
      procMounted = true;
    } catch {
      procMounted = false;
    }
  }
  return procMounted;
}

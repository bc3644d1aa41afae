import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** `/usr/bin/time`, used to read a command's peak RSS (`-f %M`), when present. */
export const TIME_BINARY = '/usr/bin/time';

/** What {@link runCommand} measured. */
export interface CommandRun {
  /** Wall time of the whole process, in milliseconds (process start and exit included). */
  readonly ms: number;
  readonly exitCode: number;
  /** Peak resident set size in KiB, from `/usr/bin/time -f %M`; undefined when not available. */
  readonly maxRssKb?: number;
  readonly stdout: string;
  /** The last 2,000 characters of stderr (the RSS line removed). */
  readonly stderrTail: string;
}

const RSS_MARK = '__bench_maxrss_kb=';

/**
 * Runs a command to completion and times it; with `measureRss`, wraps it in `/usr/bin/time`
 * to read its peak RSS. `keepStdout: false` drops stdout (kubectl prints one line per object).
 */
export function runCommand(command: string, args: readonly string[], options: { measureRss?: boolean; keepStdout?: boolean; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<CommandRun> {
  const timed = options.measureRss === true && existsSync(TIME_BINARY);
  const [bin, argv] = timed ? [TIME_BINARY, ['-f', `${RSS_MARK}%M`, command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(bin, argv, {
      stdio: ['ignore', options.keepStdout ? 'pipe' : 'ignore', 'pipe'],
      env: options.env ?? process.env,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-20_000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const line = stderr.split('\n').find((l) => l.startsWith(RSS_MARK));
      const rss = line ? Number(line.slice(RSS_MARK.length)) : NaN;
      const rest = stderr.split('\n').filter((l) => !l.startsWith(RSS_MARK)).join('\n');
      resolve({ ms, exitCode: code ?? -1, ...(Number.isFinite(rss) ? { maxRssKb: rss } : {}), stdout, stderrTail: rest.slice(-2000) });
    });
  });
}

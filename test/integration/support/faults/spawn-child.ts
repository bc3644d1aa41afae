import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** A child Node process running one of the fault scripts of this folder through tsx. */
export interface Child {
  readonly process: ChildProcess;
  /** Resolves with the first stdout line that satisfies `match`; rejects after `timeoutMs` or when the child exits first. */
  line(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Sends one line to the child's stdin. */
  send(line: string): void;
  /** Resolves once the child has exited (with its exit code or signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the child wrote to stderr, for failure messages. */
  stderr(): string;
}

/**
 * Starts `node --import tsx <script> <json-argument>` from this folder. The child is killed
 * (SIGKILL) after `maxLifetimeMs` whatever happens, so no test leaves a process behind.
 */
export function spawnChild(script: string, argument: unknown, maxLifetimeMs: number): Child {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, JSON.stringify(argument)], {
    cwd: fileURLToPath(new URL('../../../../', import.meta.url)),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let errText = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    errText = (errText + chunk).slice(-20_000);
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiters) wake();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), maxLifetimeMs);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal });
      for (const wake of waiters) wake();
    });
  });
  let done = false;
  void exited.then(() => (done = true));
  return {
    process: child,
    exited,
    stderr: () => errText,
    send: (line) => void child.stdin?.write(`${line}\n`),
    line(match, timeoutMs) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no matching line from ${script} within ${timeoutMs} ms; stderr:\n${errText}`)), timeoutMs);
        const check = (): void => {
          const found = lines.find(match);
          if (found !== undefined) finish(undefined, found);
          else if (done || child.exitCode !== null || child.signalCode !== null) finish(new Error(`${script} exited before a matching line; stderr:\n${errText}`));
        };
        const finish = (err?: Error, value?: string): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (err) reject(err);
          else resolve(value!);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

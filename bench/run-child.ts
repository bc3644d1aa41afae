import { fileURLToPath } from 'node:url';
import { decodeChildResult, type ChildResult } from './child-result.js';
import { runCommand } from './run-command.js';

/** The bench child scripts. */
export type ChildScript = 'child-syncprims' | 'child-bare' | 'child-baseline';

/**
 * Runs `node --import tsx bench/<script>.ts ...args` and returns the result it printed.
 *
 * Errors: rejects with the child's stderr tail when it fails or prints no result.
 */
export async function runChild(script: ChildScript, args: readonly string[]): Promise<ChildResult> {
  const path = fileURLToPath(new URL(`./${script}.ts`, import.meta.url));
  const run = await runCommand(process.execPath, ['--import', 'tsx', path, ...args], { keepStdout: true });
  if (run.exitCode !== 0) throw new Error(`${script} exited with ${run.exitCode}: ${run.stderrTail.trim().split('\n').slice(-5).join(' | ')}`);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  return decodeChildResult(last);
}

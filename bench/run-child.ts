import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/**
 * Plain `node` (no tsx) importing the built package (`dist/index.js`) and exiting: the RSS floor
 * of an application that uses syncprims. Undefined when the package is not built.
 */
export async function runDistBaseline(): Promise<ChildResult | undefined> {
  const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  if (!existsSync(entry)) return undefined;
  const code = `await import(${JSON.stringify(pathToFileURL(entry).href)}); process.stdout.write(JSON.stringify({ ms: 0, maxRssKb: process.resourceUsage().maxRSS }) + '\\n');`;
  const run = await runCommand(process.execPath, ['--input-type=module', '-e', code], { keepStdout: true });
  if (run.exitCode !== 0) throw new Error(`importing dist/index.js failed: ${run.stderrTail.trim().split('\n').slice(-3).join(' | ')}`);
  return decodeChildResult(run.stdout.trim().split('\n').pop() ?? '');
}

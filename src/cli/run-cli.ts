import type { CliIo } from './cli-io.js';
import { createCliContext, type CliContext } from './cli-context.js';
import type { CommandName } from './command-specs.js';
import { ExitCode } from './exit-code.js';
import { parseCliArgs, type CliInvocation, type GlobalFlags } from './parse-cli-args.js';
import { reportError } from './report-error.js';

type Command = (ctx: CliContext, invocation: CliInvocation) => ExitCode | Promise<ExitCode>;

// Commands load on first use: `crds`, `help` and `version` start without the Kubernetes client.
const COMMANDS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  apply: async () => (await import('./commands/apply-command.js')).runApplyCommand,
  diff: async () => (await import('./commands/apply-command.js')).runApplyCommand,
  delete: async () => (await import('./commands/delete-command.js')).runDeleteCommand,
  status: async () => (await import('./commands/status-command.js')).runStatusCommand,
  controller: async () => (await import('./commands/controller-command.js')).runControllerCommand,
  crds: async () => (await import('./commands/crds-command.js')).runCrdsCommand,
  fleet: async () => (await import('./commands/fleet-command.js')).runFleetCommand,
  help: async () => (await import('./commands/help-command.js')).runHelpCommand,
  version: async () => (await import('./commands/version-command.js')).runVersionCommand,
};

/** Best effort at `-o json` for errors in the command line itself, before it is parsed. */
function fallbackGlobal(argv: readonly string[]): GlobalFlags {
  const i = argv.findIndex((a) => a === '-o' || a === '--output');
  const json = (i >= 0 && argv[i + 1] === 'json') || argv.includes('-ojson') || argv.includes('--output=json');
  return { output: json ? 'json' : 'text', verbose: false };
}

/**
 * Runs one `syncprims` command line with the given IO and resolves with its exit code; it
 * never rejects and never touches `process` (`main` wires stdin/stdout/stderr, the
 * environment and SIGINT/SIGTERM). Results go to `stdout`, messages and progress to `stderr`.
 *
 * Exit codes: 0 ready (or planned, for `diff`/`--dry-run`), 1 failed, timed out or blocked,
 * 2 bad input (flags, unreadable files, invalid manifests: `ValidationError` and the codes
 * `INVALID_MANIFEST`, `INVALID_NAME`, `DUPLICATE_OBJECT`, `MISSING_NAMESPACE`,
 * `UNKNOWN_KIND`, `INVALID_OPTIONS`, `KUBECONFIG_INVALID`), 130 when `io.signal` aborted the
 * command (`controller` stops gracefully and exits 0).
 *
 * @example
 * ```ts
 * import { runCli } from 'syncprims';
 * let out = '';
 * const code = await runCli(['crds'], {
 *   stdout: { write: (s: string) => (out += s) },
 *   stderr: { write: () => true },
 *   stdin: [],
 *   env: process.env,
 *   isTTY: false,
 *   signal: new AbortController().signal,
 * });
 * console.log(code, out.split('\n---\n').length); // 0 3
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let invocation: CliInvocation;
  try {
    invocation = parseCliArgs(argv);
  } catch (err) {
    const ctx = createCliContext(io, fallbackGlobal(argv));
    const code = reportError(ctx, err);
    const command = argv.find((a) => !a.startsWith('-'));
    ctx.note(`Run 'syncprims help${command && /^[a-z]+$/.test(command) ? ` ${command}` : ''}' for usage.`);
    return code;
  }
  const ctx = createCliContext(io, invocation.global);
  try {
    const command = await COMMANDS[invocation.command]();
    return await command(ctx, invocation);
  } catch (err) {
    // Whatever failed once the run was aborted failed because of the abort.
    if (io.signal.aborted) {
      ctx.reporter.clear();
      ctx.note('interrupted');
      return ExitCode.Interrupted;
    }
    return reportError(ctx, err);
  } finally {
    ctx.dispose();
  }
}

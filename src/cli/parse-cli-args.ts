import { parseArgs } from 'node:util';
import { OptionsError } from '../core/sync-error.js';
import { CLI_OPTIONS, GLOBAL_OPTIONS, NEGATABLE_OPTIONS, type CliOptionName } from './cli-options.js';
import { findCommandSpec, type CommandName } from './command-specs.js';

/** How results are printed: `-o text` (default) or `-o json`. */
export type OutputFormat = 'text' | 'json';

/** The flags every command takes. */
export interface GlobalFlags {
  /** `--kubeconfig`. @default undefined ($KUBECONFIG, then ~/.kube/config) */
  readonly kubeconfig?: string;
  /** `--context`. @default undefined (the kubeconfig's current-context) */
  readonly context?: string;
  /** `-n, --namespace`. @default undefined */
  readonly namespace?: string;
  /** `-o, --output`. @default 'text' */
  readonly output: OutputFormat;
  /** `-v, --verbose`: debug logs. @default false */
  readonly verbose: boolean;
}

/** The flag values as `parseArgs` returns them (absent when not given). */
export type CliFlags = {
  readonly [K in CliOptionName]?: (typeof CLI_OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof CLI_OPTIONS)[K]['type'] extends 'boolean'
      ? boolean
      : string;
};

/** A parsed command line. */
export interface CliInvocation {
  /** The command to run (`help` for `-h`, `version` for `--version`). */
  readonly command: CommandName;
  /** Positional arguments after the command (`fleet up` -> `['up']`). */
  readonly args: readonly string[];
  /** Every flag given. */
  readonly flags: CliFlags;
  /** The global flags, with defaults. */
  readonly global: GlobalFlags;
}

const BOOLEAN_WITH_VALUE = /^--([a-z-]+)=(.*)$/s;

/** Rewrites kubectl-style `--prune=false` into `--no-prune` (and `--prune=true` into `--prune`). */
function normalizeBooleans(argv: readonly string[]): string[] {
  const out: string[] = [];
  let rest = false;
  for (const arg of argv) {
    const m = rest ? null : BOOLEAN_WITH_VALUE.exec(arg);
    if (arg === '--') rest = true;
    const name = m?.[1] as CliOptionName | undefined;
    if (!m || name === undefined || !NEGATABLE_OPTIONS.has(name)) {
      out.push(arg);
      continue;
    }
    const value = m[2]!.toLowerCase();
    if (value === 'true') out.push(`--${name}`);
    else if (value === 'false') out.push(`--no-${name}`);
    else throw new OptionsError(`--${name}: expected true or false, got ${JSON.stringify(m[2])}`);
  }
  return out;
}

function describeParseError(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(message)?.[1];
    return `unknown flag ${flag ?? message}`;
  }
  // Node's own messages name the flag ("Option '-f, --filename <value>' argument missing").
  return message.replace(/\. To specify .*$/s, '');
}

/**
 * Parses `syncprims` arguments with `node:util` `parseArgs`: global flags anywhere, one
 * command, the command's flags and positionals. `-h`/`--help` turns any command into
 * `help`, `--version` into `version`.
 *
 * Errors: `OptionsError` (exit code 2) for a missing or unknown command, an unknown flag,
 * a flag the command does not take, a missing flag value, extra arguments, or `-o` other
 * than `text`/`json`.
 */
export function parseCliArgs(argv: readonly string[]): CliInvocation {
  let parsed;
  try {
    parsed = parseArgs({ args: normalizeBooleans(argv), options: CLI_OPTIONS, allowPositionals: true, allowNegative: true, strict: true, tokens: true });
  } catch (err) {
    if (err instanceof OptionsError) throw err;
    throw new OptionsError(describeParseError(err), { cause: err });
  }
  const { values, positionals, tokens } = parsed;
  const flags = values as CliFlags;
  const output = flags.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new OptionsError(`-o/--output: expected text or json, got ${JSON.stringify(output)}`);
  const global: GlobalFlags = {
    output,
    verbose: flags.verbose ?? false,
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context !== undefined ? { context: flags.context } : {}),
    ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
  };
  for (const token of tokens) {
    if (token.kind === 'option' && token.rawName.startsWith('--no-') && !NEGATABLE_OPTIONS.has(token.name as CliOptionName)) {
      throw new OptionsError(`unknown flag ${token.rawName}`);
    }
  }
  const [first, ...rest] = positionals;
  if (flags.version && first === undefined) return { command: 'version', args: [], flags, global };
  if (flags.help) return { command: 'help', args: first === undefined ? [] : [first], flags, global };
  if (first === undefined) throw new OptionsError('no command given');
  const spec = findCommandSpec(first);
  if (!spec) throw new OptionsError(`unknown command ${JSON.stringify(first)}`);
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const name = token.name as CliOptionName;
    if (!GLOBAL_OPTIONS.includes(name) && !spec.options.includes(name)) {
      throw new OptionsError(`${spec.name} does not take ${token.rawName}`);
    }
  }
  const [min, max] = spec.positionals;
  if (rest.length > max) throw new OptionsError(`${spec.name}: unexpected argument ${JSON.stringify(rest[max])}`);
  if (rest.length < min) throw new OptionsError(`${spec.name}: missing argument (usage: syncprims ${spec.usage})`);
  return { command: spec.name, args: rest, flags, global };
}

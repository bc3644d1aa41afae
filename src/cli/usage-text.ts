import { COMMAND_SPECS, type CommandSpec } from './command-specs.js';

const GLOBAL_FLAGS: readonly (readonly [string, string])[] = [
  ['--kubeconfig PATH', 'the kubeconfig file (default: first file of $KUBECONFIG, else ~/.kube/config)'],
  ['--context NAME', 'the kubeconfig context (default: its current-context)'],
  ['-n, --namespace NS', 'the namespace (see each command)'],
  ['-o, --output text|json', 'results as text (default) or JSON for scripts'],
  ['-v, --verbose', 'debug logs on stderr'],
  ['-h, --help', 'show help'],
  ['--version', 'print the version'],
];

const EXIT_CODES = 'Exit codes: 0 ready (or planned), 1 failed, timed out or blocked, 2 bad input, 130 interrupted.';

function flagLines(flags: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...flags.map(([flag]) => flag.length));
  return flags.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

/** The text of `syncprims --help`: commands, global flags, exit codes. */
export function usageText(): string {
  const width = Math.max(...COMMAND_SPECS.map((s) => s.name.length));
  return [
    'syncprims: Kubernetes sync primitives from the command line',
    '',
    'Usage: syncprims COMMAND [flags]',
    '',
    'Commands:',
    ...COMMAND_SPECS.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`),
    '',
    'Global flags:',
    ...flagLines(GLOBAL_FLAGS),
    '',
    EXIT_CODES,
    "Run 'syncprims help COMMAND' for the flags of a command.",
    '',
  ].join('\n');
}

/** The text of `syncprims help COMMAND`: synopsis, flags, examples. */
export function commandUsageText(spec: CommandSpec): string {
  return [
    `Usage: syncprims ${spec.usage}`,
    '',
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
    ...(spec.flags.length > 0 ? ['', 'Flags:', ...flagLines(spec.flags)] : []),
    '',
    'Global flags: --kubeconfig PATH, --context NAME, -n NS, -o text|json, -v, -h',
    '',
    'Examples:',
    ...spec.examples.map((e) => `  ${e}`),
    '',
    EXIT_CODES,
    '',
  ].join('\n');
}

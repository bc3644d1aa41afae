/**
 * Every flag `syncprims` knows, for `node:util` `parseArgs`. Booleans take no value
 * (`--prune`), a `--no-` prefix (`--no-prune`) or, like kubectl, `--prune=true|false`.
 * Which command takes which flag is in {@link COMMAND_SPECS}.
 */
export const CLI_OPTIONS = {
  // global
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  // apply, diff, delete
  filename: { type: 'string', short: 'f', multiple: true },
  name: { type: 'string' },
  prune: { type: 'boolean' },
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  'target-namespace': { type: 'string' },
  concurrency: { type: 'string' },
  // controller
  'leader-elect': { type: 'boolean' },
  // fleet
  dir: { type: 'string' },
  clusters: { type: 'string' },
  'controller-manager': { type: 'boolean' },
} as const;

/** The name of a flag (its long form, without `--`). */
export type CliOptionName = keyof typeof CLI_OPTIONS;

/** Flags every command takes. */
export const GLOBAL_OPTIONS: readonly CliOptionName[] = ['kubeconfig', 'context', 'namespace', 'output', 'help', 'version', 'verbose'];

/** Boolean flags that may be negated (`--no-prune`, `--prune=false`). */
export const NEGATABLE_OPTIONS: ReadonlySet<CliOptionName> = new Set(['prune', 'wait', 'dry-run', 'force', 'leader-elect', 'controller-manager', 'verbose']);

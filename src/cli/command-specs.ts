import type { CliOptionName } from './cli-options.js';

/** The commands of `syncprims`. */
export type CommandName = 'apply' | 'diff' | 'delete' | 'status' | 'controller' | 'crds' | 'fleet' | 'help' | 'version';

/** What `syncprims help <command>` shows about a command and which flags it takes. */
export interface CommandSpec {
  readonly name: CommandName;
  /** One line for the command list. */
  readonly summary: string;
  /** The synopsis after `syncprims `. */
  readonly usage: string;
  /** Flags the command takes besides the global ones. */
  readonly options: readonly CliOptionName[];
  /** Positional arguments after the command: the fewest and most allowed. */
  readonly positionals: readonly [min: number, max: number];
  /** Flag descriptions, in display order. */
  readonly flags: readonly (readonly [flag: string, description: string])[];
  /** Example invocations. */
  readonly examples: readonly string[];
}

const APPLY_FLAGS: readonly (readonly [string, string])[] = [
  ['-f, --filename PATH', 'a manifest file or directory (recursive; .yaml, .yml, .json); `-` reads stdin; repeatable'],
  ['--name NAME', 'the sync\'s name: names its inventory in the cluster (required)'],
  ['--prune=true|false', 'delete objects applied before and no longer in the files (default true)'],
  ['--wait=true|false', 'wait until every object is ready (default true)'],
  ['--timeout DURATION', 'readiness budget, e.g. 30s, 5m (default 5m)'],
  ['--dry-run', 'plan only: server-side dry run, nothing is written'],
  ['--force', 'take over fields owned by other managers; recreate on immutable-field changes'],
  ['--target-namespace NS', 'put every namespaced object into NS (overrides the manifests)'],
  ['--concurrency N', 'parallel requests (default 16)'],
  ['-n, --namespace NS', 'namespace for namespaced objects that have none'],
];

/** Every command, in the order `syncprims --help` lists them. */
export const COMMAND_SPECS: readonly CommandSpec[] = [
  {
    name: 'apply',
    summary: 'apply manifests to the cluster (staged server-side apply, prune, wait)',
    usage: 'apply -f PATH --name NAME [--prune=true|false] [--wait=true|false] [--timeout 5m] [--dry-run] [--force] [--target-namespace NS] [--concurrency N]',
    options: ['filename', 'name', 'prune', 'wait', 'timeout', 'dry-run', 'force', 'target-namespace', 'concurrency'],
    positionals: [0, 0],
    flags: APPLY_FLAGS,
    examples: ['syncprims apply -f deploy/ --name app', 'kustomize build . | syncprims apply -f - --name app --timeout 2m', 'syncprims apply -f app.yaml --name app -o json'],
  },
  {
    name: 'diff',
    summary: 'show what apply would change, with field paths (server-side dry run)',
    usage: 'diff -f PATH --name NAME [--prune=true|false] [--force] [--target-namespace NS] [--concurrency N]',
    options: ['filename', 'name', 'prune', 'force', 'target-namespace', 'concurrency'],
    positionals: [0, 0],
    flags: APPLY_FLAGS.filter(([flag]) => !/^--(wait|timeout|dry-run)/.test(flag)),
    examples: ['syncprims diff -f deploy/ --name app'],
  },
  {
    name: 'delete',
    summary: 'delete everything a sync applied (from its inventory in the cluster)',
    usage: 'delete --name NAME [--concurrency N]',
    options: ['name', 'concurrency'],
    positionals: [0, 0],
    flags: [
      ['--name NAME', 'the sync to delete (required): its inventory says what it applied'],
      ['--concurrency N', 'parallel requests (default 16)'],
    ],
    examples: ['syncprims delete --name app'],
  },
  {
    name: 'status',
    summary: 'list the syncs in the cluster: SDK inventories and Sync/RemoteSync/ProxySync resources',
    usage: 'status [-n NS]',
    options: [],
    positionals: [0, 0],
    flags: [['-n, --namespace NS', 'custom resources of this namespace only (default: all namespaces)']],
    examples: ['syncprims status', 'syncprims status -n fleet -o json'],
  },
  {
    name: 'controller',
    summary: 'run the controller that reconciles the custom resources, until SIGTERM/SIGINT',
    usage: 'controller [-n NS] [--concurrency N] [--leader-elect=true|false]',
    options: ['concurrency', 'leader-elect'],
    positionals: [0, 0],
    flags: [
      ['-n, --namespace NS', 'watch this namespace only (default: all namespaces)'],
      ['--concurrency N', 'resources reconciled at once (default 4)'],
      ['--leader-elect=true|false', 'leader election with a Lease in syncprims-system (default true)'],
      ['-o json', 'logs as JSON lines'],
    ],
    examples: ['syncprims controller --context mgmt --leader-elect=false', 'syncprims controller -n fleet --concurrency 8'],
  },
  {
    name: 'crds',
    summary: 'print the syncprims CustomResourceDefinitions as YAML',
    usage: 'crds',
    options: [],
    positionals: [0, 0],
    flags: [['-o json', 'print a JSON List instead of YAML documents']],
    examples: ['syncprims crds | kubectl apply -f -'],
  },
  {
    name: 'fleet',
    summary: 'start, stop or show a local fleet of API servers (for tests and demos)',
    usage: 'fleet up|down|status [--dir DIR] [--clusters a,b] [--controller-manager=true|false]',
    options: ['dir', 'clusters', 'controller-manager'],
    positionals: [1, 1],
    flags: [
      ['--dir DIR', 'the fleet folder (default .fleet)'],
      ['--clusters a,b', 'up: the clusters to start (default mgmt,edge-1,edge-2)'],
      ['--controller-manager=true|false', 'up: run a kube-controller-manager per cluster (default true)'],
    ],
    examples: ['syncprims fleet up', 'export KUBECONFIG=$PWD/.fleet/kubeconfig.yaml', 'syncprims fleet down'],
  },
  {
    name: 'version',
    summary: 'print the version',
    usage: 'version',
    options: [],
    positionals: [0, 0],
    flags: [],
    examples: ['syncprims version'],
  },
  {
    name: 'help',
    summary: 'show help for a command',
    usage: 'help [COMMAND]',
    options: [],
    positionals: [0, 1],
    flags: [],
    examples: ['syncprims help apply'],
  },
];

/** The spec of `name`, or `undefined` when there is no such command. */
export function findCommandSpec(name: string): CommandSpec | undefined {
  return COMMAND_SPECS.find((spec) => spec.name === name);
}

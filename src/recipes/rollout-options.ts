import type { Cluster, FromSecretOptions, SecretRef } from '../cluster/index.js';
import type { Logger } from '../core/logger.js';
import type { Syncer } from '../core/syncer.js';
import type { HealthRule } from '../health/index.js';
import type { Source } from '../manifests/index.js';
import type { RolloutStrategy } from './rollout-strategy.js';
import type { RolloutWaveEvent } from './rollout-wave-event.js';

/** The name of a rollout created without one. */
export const DEFAULT_ROLLOUT_NAME = 'rollout';

/** One cluster of {@link rollout}: reached directly (`cluster`) or through a kubeconfig Secret in the management cluster (`secretRef`). */
export type RolloutCluster = RolloutClusterBase & ({ cluster: Cluster; secretRef?: never } | { secretRef: SecretRef; cluster?: never });

/** The fields every {@link RolloutCluster} has. */
export interface RolloutClusterBase {
  /** The cluster's name: names its result and its syncer (`<rollout>-<name>`). A DNS-1123 label, unique in the rollout. */
  name: string;
  /** In the canary wave, which runs first, on its own. @default false */
  canary?: boolean;
}

/** Options of {@link rollout}. */
export interface RolloutOptions {
  /** The rollout's name: its result's name, the prefix of its syncers, and (proxy mode) the remote Sync's name. A DNS-1123 label. @default 'rollout' */
  name?: string;
  /** The clusters, in rollout order (canaries go first whatever their position). */
  clusters: readonly RolloutCluster[];
  /** What to roll out. */
  source: Source;
  /** Wave sizes, failure budget, pauses and bounds. @default {} (one cluster per wave, first failure halts, unreachable fails) */
  strategy?: RolloutStrategy;
  /**
   * `proxy`: a ProxySync per cluster (the cluster's own controller applies and keeps applying
   * the source; needs the controller installed there, e.g. by `register`). `remote`: a
   * RemoteSync per cluster (applied directly from here; no controller needed).
   * @default 'proxy'
   */
  mode?: 'proxy' | 'remote';
  /** The management cluster holding the kubeconfig Secrets; required when a cluster is given by `secretRef`. @default undefined */
  management?: Cluster;
  /** How kubeconfig Secrets may be used (`allowExec`, `connectTimeoutMs`...). @default {} */
  clusterOptions?: FromSecretOptions;
  /** Proxy mode: the namespace of the Sync in each cluster. @default 'default' */
  namespace?: string;
  /** Proxy mode: how often each cluster's controller re-applies the source (drift correction), in milliseconds. @default 600000 (10 minutes) */
  interval?: number;
  /** Readiness budget of each cluster's pass, in milliseconds. @default 300000 (5 minutes) */
  timeout?: number;
  /** Wait for the objects to be ready in each cluster before it counts as done. @default true */
  wait?: boolean;
  /** Prune objects a previous version rolled out and this one no longer has. @default true */
  prune?: boolean;
  /** Take over conflicting fields and recreate objects on immutable-field changes. @default false */
  force?: boolean;
  /** Put every namespaced object into this namespace. @default undefined (as written) */
  targetNamespace?: string;
  /** Remote mode: custom readiness rules (in proxy mode the cluster's controller uses the built-in ones). @default [] */
  healthRules?: readonly HealthRule[];
  /** Syncers the rollout depends on when nested in a dag (e.g. the registrations). @default [] */
  dependsOn?: readonly Syncer[];
  /** Called as waves start, finish, soak and halt. @default undefined */
  onWave?: (event: RolloutWaveEvent) => void;
  /** Where diagnostics go (also given to each cluster's syncer). @default a silent logger */
  logger?: Logger;
}

import type { Syncer } from '../core/syncer.js';

/** One cluster of a {@link Rollout}: a name and the syncer that updates it. */
export interface RolloutTarget {
  /** The cluster's name: names its result and its place in the waves. Unique within the rollout. */
  readonly name: string;
  /**
   * What to run for this cluster (a ProxySync, a RemoteSync, a dag, your own syncer). Its
   * `dependsOn` is not run by the rollout: make it a dag to run steps per cluster.
   */
  readonly syncer: Syncer;
  /** In the canary wave, which runs first, on its own. @default false */
  readonly canary?: boolean;
}

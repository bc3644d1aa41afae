import type { KubeClient } from '../cluster/kube-client.js';
import type { Logger } from '../core/logger.js';
import type { KindDefinition } from '../core/syncer.js';
import type { HealthRule } from '../health/index.js';
import type { OwnerIdentity } from './owner-identity.js';

/** Everything one pass of the apply engine needs; built by `Sync`, `RemoteSync` and the controller. */
export interface PassContext {
  /** The syncer's name, for events and messages. */
  readonly syncer: string;
  readonly client: KubeClient;
  readonly owner: OwnerIdentity;
  readonly fieldManager: string;
  readonly force: boolean;
  readonly dryRun: boolean;
  readonly prune: boolean;
  readonly wait: boolean;
  /** Budget of the readiness waits of this pass, in ms. */
  readonly timeout: number;
  readonly concurrency: number;
  readonly targetNamespace?: string;
  readonly healthRules: readonly HealthRule[];
  readonly signal?: AbortSignal;
  /** Dry runs: kinds dependencies would define (see `SyncPassOptions.assumeKinds`). */
  readonly assumeKinds?: readonly KindDefinition[];
  readonly logger: Logger;
}

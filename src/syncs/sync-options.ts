import type { Cluster } from '../cluster/index.js';
import type { Logger } from '../core/logger.js';
import type { Syncer } from '../core/syncer.js';
import { OptionsError } from '../core/sync-error.js';
import type { HealthRule } from '../health/index.js';
import type { Source } from '../manifests/index.js';
import type { OwnerIdentity } from '../apply/owner-identity.js';

/** Default concurrency of applies, prunes and lists: chosen from `npm run bench` (see docs/benchmarks.md). */
export const DEFAULT_CONCURRENCY = 16;
/** Default readiness budget of one pass: 5 minutes, like Flux's default timeout. */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** Default server-side apply field manager. */
export const DEFAULT_FIELD_MANAGER = 'syncprims';

/** Options shared by `Sync` and `RemoteSync`. */
export interface ApplySyncOptions {
  /** The syncer's name; also names its inventory. A DNS-1123 label is recommended. */
  name: string;
  /** The target cluster. */
  cluster: Cluster;
  /** The desired objects. */
  source: Source;
  /** Syncers that must be ready in the same pass before this one runs (used by `dag`). @default [] */
  dependsOn?: readonly Syncer[];
  /** Delete objects that were applied before and are no longer in the source. @default true */
  prune?: boolean;
  /** Wait until every applied object is ready (kstatus rules plus `healthRules`). @default true */
  wait?: boolean;
  /** Readiness budget of one pass, in milliseconds. @default 300000 (5 minutes) */
  timeout?: number;
  /** The server-side apply field manager. @default 'syncprims' */
  fieldManager?: string;
  /** Take over fields owned by other managers, and recreate objects on immutable-field changes. @default false */
  force?: boolean;
  /** Put every namespaced object into this namespace (overrides the manifests). @default undefined (keep) */
  targetNamespace?: string;
  /** Parallel requests while applying, listing and pruning. @default 16 (tuned by benchmark) */
  concurrency?: number;
  /** Custom readiness rules, checked before the built-in ones. @default [] */
  healthRules?: readonly HealthRule[];
  /** Where diagnostics go. @default a silent logger */
  logger?: Logger;
  /** Namespace of the inventory ConfigMap in the target cluster (created when missing). @default 'syncprims-system' */
  inventoryNamespace?: string;
  /**
   * Advanced: the ownership identity stamped on objects and inventory. The controller sets it
   * for custom resources (`{ kind: 'Sync', namespace, name }`). Two syncers with the same
   * identity own the same objects.
   * @default { kind: 'Sync' | 'RemoteSync', name } (RemoteSync adds the management cluster as `scope`)
   */
  ownerIdentity?: OwnerIdentity;
  /**
   * Apply as this ServiceAccount of the target cluster (impersonation), so RBAC limits what the
   * sync may touch. The credentials used need the `impersonate` verb on it.
   * @default undefined (apply with the cluster's own credentials)
   */
  serviceAccount?: { namespace: string; name: string };
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The cluster a sync talks to: `cluster`, impersonating `serviceAccount` when given. */
export function targetCluster(options: ApplySyncOptions): Cluster {
  return options.serviceAccount ? options.cluster.impersonate({ serviceAccount: options.serviceAccount }) : options.cluster;
}

/** Validates the options of `Sync`/`RemoteSync`; throws {@link OptionsError} naming the field. */
export function validateApplySyncOptions(kind: string, options: ApplySyncOptions): void {
  if (!options || typeof options !== 'object') throw new OptionsError(`${kind}: options object required`);
  const where = `${kind} ${JSON.stringify(options.name)}`;
  if (typeof options.name !== 'string' || !NAME.test(options.name) || options.name.length > 200) {
    throw new OptionsError(`${where}: \`name\` must be a lowercase DNS-1123 name of at most 200 characters`);
  }
  if (!options.cluster || typeof (options.cluster as { connect?: unknown }).connect !== 'function') {
    throw new OptionsError(`${where}: \`cluster\` must be a Cluster (Cluster.fromKubeconfig(), Cluster.fromSecret(), ...)`);
  }
  if (!options.source || typeof (options.source as { load?: unknown }).load !== 'function') {
    throw new OptionsError(`${where}: \`source\` must be a Source (Source.files(), Source.yaml(), Source.objects())`);
  }
  if (options.timeout !== undefined && !(Number.isFinite(options.timeout) && options.timeout > 0)) {
    throw new OptionsError(`${where}: \`timeout\` must be a positive number of milliseconds`);
  }
  if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1)) {
    throw new OptionsError(`${where}: \`concurrency\` must be an integer >= 1`);
  }
  if (options.fieldManager !== undefined && (typeof options.fieldManager !== 'string' || options.fieldManager.length === 0 || options.fieldManager.length > 128)) {
    throw new OptionsError(`${where}: \`fieldManager\` must be a non-empty string of at most 128 characters`);
  }
  if (options.targetNamespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(options.targetNamespace)) {
    throw new OptionsError(`${where}: \`targetNamespace\` must be a DNS-1123 label`);
  }
  if (options.serviceAccount !== undefined && !(typeof options.serviceAccount === 'object' && options.serviceAccount !== null &&
      typeof options.serviceAccount.namespace === 'string' && options.serviceAccount.namespace !== '' &&
      typeof options.serviceAccount.name === 'string' && options.serviceAccount.name !== '')) {
    throw new OptionsError(`${where}: \`serviceAccount\` must be { namespace, name }`);
  }
  if (options.healthRules !== undefined && !Array.isArray(options.healthRules)) {
    throw new OptionsError(`${where}: \`healthRules\` must be an array`);
  }
}

import type { Cluster } from '../../cluster/index.js';
import type { Logger } from '../../core/logger.js';
import type { Syncer } from '../../core/syncer.js';
import { OptionsError } from '../../core/sync-error.js';
import type { Source } from '../../manifests/index.js';
import { isDns1123Label, isDns1123Subdomain } from '../../manifests/index.js';
import type { OwnerIdentity } from '../../apply/owner-identity.js';
import type { DependencyRef } from '../../api/dependency-ref.js';
import { KINDS } from '../../api/group.js';
import { MAX_CHUNK_BYTES } from './chunk-payload.js';

/** Default `interval` of the remote Sync: 10 minutes, like Flux's default. */
export const DEFAULT_PROXY_INTERVAL_MS = 600_000;
/** Default wait of a ProxySync pass for its remote Sync: 5 minutes. */
export const DEFAULT_PROXY_TIMEOUT_MS = 300_000;
/** Default size under which the payload goes inline into the remote Sync: 256 KiB. */
export const DEFAULT_INLINE_LIMIT_BYTES = 256 * 1024;
/** Default field manager of the remote Sync and its payload ConfigMaps. */
export const DEFAULT_PROXY_FIELD_MANAGER = 'syncprims-proxy';
/** Default namespace of the remote Sync. */
export const DEFAULT_PROXY_NAMESPACE = 'default';

/** Options of `ProxySync`. */
export interface ProxySyncOptions {
  /** The syncer's name, and the remote Sync's name unless `remoteName` is set. A DNS-1123 subdomain of at most 200 characters. */
  name: string;
  /** The remote cluster, usually `Cluster.fromSecret(mgmt, { namespace, name })`. */
  cluster: Cluster;
  /** The namespace of the remote Sync (and of its payload ConfigMaps); created when missing, never deleted. @default 'default' */
  namespace?: string;
  /** The desired objects; validated here, applied by the remote controller. */
  source: Source;
  /** Syncers that must be ready in the same pass first, e.g. the RemoteSync installing the controller. @default [] */
  dependsOn?: readonly Syncer[];
  /** How often the remote controller re-applies the objects (drift correction), in milliseconds. @default 600000 (10 minutes) */
  interval?: number;
  /** How soon the remote controller retries after a failure, in milliseconds. @default `interval` */
  retryInterval?: number;
  /**
   * How long one pass waits for the remote Sync to observe the new spec and turn Ready, in
   * milliseconds; also the time `delete()` waits for the remote Sync to be gone.
   * @default 300000 (5 minutes)
   */
  timeout?: number;
  /** The remote Sync's own readiness budget per reconcile, in milliseconds. @default `timeout` */
  remoteTimeout?: number;
  /** The remote Sync prunes objects it applied before and no longer declares. @default true */
  prune?: boolean;
  /** The remote Sync waits for its objects to become ready before reporting Ready. @default true */
  wait?: boolean;
  /** The remote Sync recreates objects on immutable-field changes and takes over conflicting fields. @default false */
  force?: boolean;
  /** The remote Sync puts every namespaced object into this namespace. @default undefined (as written) */
  targetNamespace?: string;
  /** The remote Sync applies as this ServiceAccount of its namespace (impersonation). @default undefined (the remote controller's identity) */
  serviceAccountName?: string;
  /** Suspend the remote Sync: it stops reconciling, what it applied stays. @default false */
  suspend?: boolean;
  /** Remote-side dependencies: syncprims objects in the remote namespace that must be Ready first. @default [] */
  remoteDependsOn?: readonly DependencyRef[];
  /** The remote Sync's name. @default `name` */
  remoteName?: string;
  /** Extra labels of the remote Sync (the ownership labels are added). @default {} */
  labels?: Readonly<Record<string, string>>;
  /** Extra annotations of the remote Sync. @default {} */
  annotations?: Readonly<Record<string, string>>;
  /**
   * On `delete()`: `Delete` deletes the remote Sync (its finalizer prunes what it applied) and the
   * payload ConfigMaps; `Orphan` leaves both running, so the remote cluster keeps itself in sync.
   * @default 'Delete'
   */
  deletionPolicy?: 'Delete' | 'Orphan';
  /**
   * The payload (the validated objects, serialized as JSON) goes inline into `spec.source.inline`
   * of the remote Sync when smaller than this many bytes; otherwise into content-addressed
   * ConfigMaps `<remoteName>-payload-<hash>` of at most 768 KiB each, except Secrets, which
   * stay inline (ConfigMaps are readable by roles that may not read Secrets).
   * @default 262144 (256 KiB)
   */
  inlineLimitBytes?: number;
  /** The server-side apply field manager of the remote Sync and the payload ConfigMaps. @default 'syncprims-proxy' */
  fieldManager?: string;
  /**
   * The management cluster; its identity (the uid of its `kube-system` namespace) goes into the
   * ownership label of the remote Sync, so two management clusters never take each other's.
   * @default the cluster `cluster` was made from by `Cluster.fromSecret(mgmt, ...)`
   */
  management?: Cluster;
  /**
   * Advanced: the ownership identity stamped on the remote Sync and its payload. The controller
   * sets it for ProxySync custom resources.
   * @default { kind: 'ProxySync', name, namespace: <the kubeconfig Secret's namespace>, scope: <management cluster id> }
   */
  ownerIdentity?: OwnerIdentity;
  /** Where diagnostics go. @default a silent logger */
  logger?: Logger;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function positiveMs(where: string, field: string, value: unknown): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isSafeInteger(value) && value > 0)) {
    throw new OptionsError(`${where}: \`${field}\` must be a positive whole number of milliseconds`);
  }
}

function stringMap(where: string, field: string, value: unknown, values?: RegExp): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new OptionsError(`${where}: \`${field}\` must be an object of strings`);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' || (values && (!values.test(v) || v.length > 63))) {
      throw new OptionsError(`${where}: \`${field}.${k}\` must be a ${values ? 'label value' : 'string'}`);
    }
  }
}

/** Validates the options of `ProxySync`; throws {@link OptionsError} naming the field. */
export function validateProxySyncOptions(options: ProxySyncOptions): void {
  if (!options || typeof options !== 'object') throw new OptionsError('ProxySync: options object required');
  const where = `ProxySync ${JSON.stringify(options.name)}`;
  if (typeof options.name !== 'string' || !isDns1123Subdomain(options.name) || options.name.length > 200) {
    throw new OptionsError(`${where}: \`name\` must be a lowercase DNS-1123 name of at most 200 characters`);
  }
  if (options.remoteName !== undefined && (typeof options.remoteName !== 'string' || !isDns1123Subdomain(options.remoteName) || options.remoteName.length > 200)) {
    throw new OptionsError(`${where}: \`remoteName\` must be a lowercase DNS-1123 name of at most 200 characters`);
  }
  if (!options.cluster || typeof (options.cluster as { connect?: unknown }).connect !== 'function') {
    throw new OptionsError(`${where}: \`cluster\` must be a Cluster (Cluster.fromSecret(mgmt, ...), Cluster.fromKubeconfig(), ...)`);
  }
  if (options.management !== undefined && typeof (options.management as { connect?: unknown }).connect !== 'function') {
    throw new OptionsError(`${where}: \`management\` must be a Cluster`);
  }
  if (!options.source || typeof (options.source as { load?: unknown }).load !== 'function') {
    throw new OptionsError(`${where}: \`source\` must be a Source (Source.files(), Source.yaml(), Source.objects())`);
  }
  for (const field of ['namespace', 'targetNamespace'] as const) {
    const value = options[field];
    if (value !== undefined && (typeof value !== 'string' || !isDns1123Label(value))) throw new OptionsError(`${where}: \`${field}\` must be a DNS-1123 label`);
  }
  if (options.serviceAccountName !== undefined && (typeof options.serviceAccountName !== 'string' || !isDns1123Subdomain(options.serviceAccountName))) {
    throw new OptionsError(`${where}: \`serviceAccountName\` must be a DNS-1123 subdomain`);
  }
  for (const field of ['interval', 'retryInterval', 'timeout', 'remoteTimeout'] as const) positiveMs(where, field, options[field]);
  for (const field of ['prune', 'wait', 'force', 'suspend'] as const) {
    if (options[field] !== undefined && typeof options[field] !== 'boolean') throw new OptionsError(`${where}: \`${field}\` must be a boolean`);
  }
  if (options.deletionPolicy !== undefined && options.deletionPolicy !== 'Delete' && options.deletionPolicy !== 'Orphan') {
    throw new OptionsError(`${where}: \`deletionPolicy\` must be 'Delete' or 'Orphan'`);
  }
  const limit = options.inlineLimitBytes;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0 && limit <= MAX_CHUNK_BYTES)) {
    throw new OptionsError(`${where}: \`inlineLimitBytes\` must be a whole number of bytes from 0 to ${MAX_CHUNK_BYTES}`);
  }
  if (options.fieldManager !== undefined && (typeof options.fieldManager !== 'string' || options.fieldManager.length === 0 || options.fieldManager.length > 128)) {
    throw new OptionsError(`${where}: \`fieldManager\` must be a non-empty string of at most 128 characters`);
  }
  stringMap(where, 'labels', options.labels, LABEL_VALUE);
  stringMap(where, 'annotations', options.annotations);
  if (options.remoteDependsOn !== undefined) {
    if (!Array.isArray(options.remoteDependsOn)) throw new OptionsError(`${where}: \`remoteDependsOn\` must be an array of { kind, name }`);
    for (const [i, dep] of options.remoteDependsOn.entries()) {
      const d = dep as Partial<DependencyRef> | null;
      if (!d || !(KINDS as readonly unknown[]).includes(d.kind) || typeof d.name !== 'string' || !isDns1123Subdomain(d.name)) {
        throw new OptionsError(`${where}: \`remoteDependsOn[${i}]\` must be { kind: 'Sync' | 'RemoteSync' | 'ProxySync', name }`);
      }
    }
  }
}

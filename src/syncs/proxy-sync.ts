import type { Cluster, KubeClient } from '../cluster/index.js';
import { BaseSyncer, type ResultInit } from '../core/base-syncer.js';
import { formatRef, type KubeObject, type ObjectRef } from '../core/object-ref.js';
import { ApplyError, isSyncError, ReadinessError, SyncError } from '../core/sync-error.js';
import type { Change, SyncResult } from '../core/sync-result.js';
import type { DeletePassOptions, KindDefinition, SyncPassOptions } from '../core/syncer.js';
import { throwIfAborted } from '../core/abort.js';
import { kindDefinitions, prepareDesiredSet, type DesiredSet, type Source } from '../manifests/index.js';
import { API_VERSION } from '../api/group.js';
import { decodeStatus } from '../api/decode-status.js';
import { formatConditionTime } from '../api/status.js';
import { OWNER_ANNOTATION, OWNER_LABEL, ownerLabelValue, type OwnerIdentity } from '../apply/owner-identity.js';
import { diffPaths } from '../apply/diff-paths.js';
import { connectRemote, remoteOwnerIdentity } from './remote-access.js';
import {
  DEFAULT_INLINE_LIMIT_BYTES,
  DEFAULT_PROXY_FIELD_MANAGER,
  DEFAULT_PROXY_INTERVAL_MS,
  DEFAULT_PROXY_NAMESPACE,
  DEFAULT_PROXY_TIMEOUT_MS,
  validateProxySyncOptions,
  type ProxySyncOptions,
} from './proxy/proxy-sync-options.js';
import { buildRemoteSync, type RemoteSyncSettings } from './proxy/build-remote-sync.js';
import { checkControllerInstalled } from './proxy/check-controller-installed.js';
import { matchesLiveSync } from './proxy/matches-live-sync.js';
import { PayloadStore } from './proxy/payload-store.js';
import { planPayload, type PayloadPlan } from './proxy/plan-payload.js';
import type { RemoteSyncObservation } from './proxy/remote-sync-observation.js';
import { waitForRemoteSync } from './proxy/wait-for-remote-sync.js';
import { formatSeconds, outcomeResult } from './proxy/outcome-result.js';
import { ensureNamespace } from './proxy/ensure-namespace.js';
import { waitUntilGoneWithin } from './proxy/wait-until-gone-within.js';

export {
  DEFAULT_INLINE_LIMIT_BYTES,
  DEFAULT_PROXY_FIELD_MANAGER,
  DEFAULT_PROXY_INTERVAL_MS,
  DEFAULT_PROXY_NAMESPACE,
  DEFAULT_PROXY_TIMEOUT_MS,
  type ProxySyncOptions,
} from './proxy/proxy-sync-options.js';
export { MAX_CHUNK_BYTES, PAYLOAD_KEY } from './proxy/chunk-payload.js';
export { PAYLOAD_LABEL } from './proxy/payload-store.js';
export type { RemoteSyncObservation } from './proxy/remote-sync-observation.js';

/** What a {@link ProxySync} pass returns: a `SyncResult` plus the remote Sync as last seen. */
export interface ProxySyncResult extends SyncResult {
  /**
   * The remote Sync as last seen in this pass: its generation and its status (conditions,
   * inventory, revisions, message) as the remote controller reported them. Absent when it
   * could not be read (e.g. the remote cluster is unreachable) and in dry runs.
   */
  readonly remote?: RemoteSyncObservation;
}

function summarize(changes: readonly Change[]): string {
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  const parts = ['created', 'configured', 'unchanged', 'pruned', 'skipped'].filter((a) => counts.has(a)).map((a) => `${counts.get(a)} ${a}`);
  return parts.length ? parts.join(', ') : 'nothing to do';
}

/**
 * Maintains a `Sync` **custom resource** inside a remote cluster, and watches it from the
 * management cluster. The remote cluster's own syncprims controller applies it and keeps it
 * applied (drift correction every `interval`) on its own, even while the management cluster
 * is down: the blast radius of a management-side failure stays small.
 *
 * One pass:
 * 1. checks that the remote cluster serves `syncs.syncprims.dev` (else `CONTROLLER_NOT_INSTALLED`,
 *    retryable: this is why a ProxySync depends on the RemoteSync installing the controller);
 * 2. validates the whole source here, with the remote cluster's REST mapper, before any write;
 * 3. writes the payload: inline in `spec.source.inline` under `inlineLimitBytes`, otherwise into
 *    immutable, content-addressed ConfigMaps `<remoteName>-payload-<hash>` (at most 768 KiB
 *    each) referenced by `spec.source.configMapRefs`, Secrets excepted (they stay inline, out
 *    of ConfigMaps); an unchanged chunk costs no write;
 * 4. applies the remote Sync with server-side apply (field manager `syncprims-proxy`, taking
 *    back fields changed by hand), labelled with this ProxySync's identity; an unchanged spec
 *    is not rewritten; a Sync of that name owned by someone else is refused (`CONFLICT`);
 * 5. watches the remote Sync until its `status.observedGeneration` is the generation just
 *    written and `Ready=True` (ready), `Stalled=True` (fails at once, with the remote message),
 *    or `timeout` passes (`state: 'timeout'`); the remote status is in `result.remote`;
 * 6. deletes the chunks the remote Sync no longer references, once it has observed the new spec.
 *
 * A dry run plans the remote Sync change (server-side dry run: created / configured with the
 * changed fields / unchanged) and the chunk changes, and writes nothing.
 *
 * Errors: the constructor throws `OptionsError`; `sync()` and `delete()` resolve with
 * `ready: false` and a typed error (`CONTROLLER_NOT_INSTALLED`, validation errors,
 * `PAYLOAD_TOO_LARGE`, `CONFLICT` when another owner's Sync has the name, `NOT_READY` when
 * the remote stalls, `TIMEOUT`, `UNREACHABLE`, the kubeconfig Secret's errors...) and reject
 * only when the signal aborts.
 *
 * Caveats: the remote namespace is created when missing and never deleted. The revision is
 * the digest of the normalized desired set, the same the remote Sync reports as
 * `lastAppliedRevision`.
 *
 * @example
 * ```ts
 * import { Cluster, dag, ProxySync, RemoteSync, Source } from 'syncprims';
 *
 * const mgmt = Cluster.fromKubeconfig();
 * const edge = Cluster.fromSecret(mgmt, { namespace: 'fleet', name: 'edge-1-kubeconfig' });
 * const install = new RemoteSync({ name: 'install', cluster: edge, source: Source.files('deploy') });
 * const apps = new ProxySync({
 *   name: 'apps',
 *   cluster: edge,
 *   namespace: 'default',
 *   source: Source.files('apps'),
 *   interval: 60_000,
 *   dependsOn: [install],
 * });
 * const result = await dag(install, apps).sync({ signal: AbortSignal.timeout(600_000) });
 * console.log(result.state, result.message);
 * ```
 */
export class ProxySync extends BaseSyncer {
  /** The remote cluster. */
  readonly cluster: Cluster;
  /** The desired objects. */
  readonly source: Source;
  private readonly remote: Readonly<{ namespace: string; name: string }>;
  private readonly settings: RemoteSyncSettings;
  private readonly timeout: number;
  private readonly inlineLimitBytes: number;
  private readonly fieldManager: string;
  private readonly deletionPolicy: 'Delete' | 'Orphan';
  private readonly management?: Cluster;
  private readonly fixedIdentity?: OwnerIdentity;

  constructor(options: ProxySyncOptions) {
    validateProxySyncOptions(options);
    super(options);
    this.cluster = options.cluster;
    this.source = options.source;
    const namespace = options.namespace ?? DEFAULT_PROXY_NAMESPACE;
    const name = options.remoteName ?? options.name;
    this.remote = Object.freeze({ namespace, name });
    this.timeout = options.timeout ?? DEFAULT_PROXY_TIMEOUT_MS;
    this.inlineLimitBytes = options.inlineLimitBytes ?? DEFAULT_INLINE_LIMIT_BYTES;
    this.fieldManager = options.fieldManager ?? DEFAULT_PROXY_FIELD_MANAGER;
    this.deletionPolicy = options.deletionPolicy ?? 'Delete';
    const interval = options.interval ?? DEFAULT_PROXY_INTERVAL_MS;
    this.settings = {
      name,
      namespace,
      interval,
      ...(options.retryInterval !== undefined ? { retryInterval: options.retryInterval } : {}),
      timeout: options.remoteTimeout ?? this.timeout,
      prune: options.prune ?? true,
      wait: options.wait ?? true,
      force: options.force ?? false,
      suspend: options.suspend ?? false,
      ...(options.targetNamespace ? { targetNamespace: options.targetNamespace } : {}),
      ...(options.serviceAccountName ? { serviceAccountName: options.serviceAccountName } : {}),
      dependsOn: [...(options.remoteDependsOn ?? [])],
      labels: { ...options.labels },
      annotations: { ...options.annotations },
    };
    const management = options.management ?? this.cluster.origin.management;
    if (management) this.management = management;
    if (options.ownerIdentity) this.fixedIdentity = options.ownerIdentity;
  }

  /** The reference of the remote Sync. */
  get remoteRef(): ObjectRef {
    return { apiVersion: API_VERSION, kind: 'Sync', namespace: this.remote.namespace, name: this.remote.name };
  }

  /**
   * One pass: validate, write the payload and the remote Sync, watch it until it is ready at the
   * generation written (see the class description).
   *
   * Errors: resolves with `ready: false` and a typed `error` for every failure; rejects with
   * the signal's reason when aborted.
   */
  async sync(options: SyncPassOptions = {}): Promise<ProxySyncResult> {
    const startedAt = Date.now();
    const { signal } = options;
    throwIfAborted(signal);
    this.logger.debug('proxy sync pass starting', { syncer: this.name, dryRun: options.dryRun ?? false, remote: formatRef(this.remoteRef) });
    let client: KubeClient | undefined;
    try {
      client = await this.connect(signal);
      return await this.pass(client, options, startedAt);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (!isSyncError(err)) throw err;
      return this.done({ state: 'failed', message: err.message, error: err, startedAt, ...(client ? { requests: { ...client.stats } } : {}) });
    }
  }

  /**
   * Tears down: with `deletionPolicy: 'Delete'`, deletes the remote Sync, waits (up to
   * `timeout`, and the signal) until its finalizer has pruned what it applied and it is gone,
   * then deletes the payload ConfigMaps. With `'Orphan'`, leaves both running (the remote
   * cluster keeps itself in sync) and sends nothing.
   *
   * Errors: resolves with `ready: false` and a typed error (`state: 'timeout'` when the remote
   * Sync is still terminating: is the remote controller running?); rejects when aborted.
   */
  override async delete(options: DeletePassOptions = {}): Promise<ProxySyncResult> {
    const startedAt = Date.now();
    const { signal } = options;
    throwIfAborted(signal);
    const ref = this.remoteRef;
    if (this.deletionPolicy === 'Orphan') {
      const message = `deletionPolicy Orphan: remote Sync ${this.remote.namespace}/${this.remote.name} left running in ${this.cluster.name}`;
      return this.done({ state: 'ready', message, changes: [{ ref, action: 'skipped', reason: 'deletionPolicy Orphan' }], startedAt });
    }
    let client: KubeClient | undefined;
    try {
      client = await this.connect(signal);
      const c = client;
      const owner = await this.owner(signal);
      const changes: Change[] = [];
      const record = (change: Change): void => {
        changes.push(change);
        this.emit('pruned', { syncer: this.name, change });
      };
      const installed = await checkControllerInstalled(c, this.cluster.name, signal ? { signal } : {}).catch((err: unknown) => {
        if (isSyncError(err) && err.code === 'CONTROLLER_NOT_INSTALLED') return false;
        throw err;
      });
      const live = installed ? await c.get(ref, signal ? { signal } : {}) : undefined;
      if (live && live.metadata.labels?.[OWNER_LABEL] !== ownerLabelValue(owner)) {
        changes.push({ ref, action: 'skipped', reason: `not owned by this ProxySync (${live.metadata.annotations?.[OWNER_ANNOTATION] ?? 'no owner'})` });
      } else if (live) {
        if (!live.metadata.deletionTimestamp) await c.delete(ref, { ...(signal ? { signal } : {}), ...(live.metadata.uid ? { uid: live.metadata.uid } : {}) });
        this.emit('progress', { syncer: this.name, phase: 'delete', done: 0, total: 1, waitingFor: [{ ref, reason: 'the remote controller prunes what it applied' }] });
        if (!(await waitUntilGoneWithin(c, ref, this.timeout, signal))) {
          const error = new ReadinessError(
            'TIMEOUT',
            `remote Sync ${this.remote.namespace}/${this.remote.name} in ${this.cluster.name} still terminating after ${formatSeconds(this.timeout)}: ` +
              'its finalizer prunes what it applied; is the syncprims controller running there?',
            { ref, retryable: true },
          );
          return this.done({ state: 'timeout', message: error.message, error, changes, notReady: [{ ref, reason: 'terminating' }], requests: { ...c.stats }, startedAt });
        }
        record({ ref, action: 'pruned' });
      }
      const store = this.payloadStore(c, owner);
      for (const change of await store.prune(new Set(), await store.list(signal), false, signal)) record(change);
      const message = `deleted from ${this.cluster.name}: ${summarize(changes)}`;
      return this.done({ state: 'ready', message, changes, requests: { ...c.stats }, startedAt });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (!isSyncError(err)) throw err;
      return this.done({ state: 'failed', message: err.message, error: err, startedAt, ...(client ? { requests: { ...client.stats } } : {}) });
    }
  }

  private async connect(signal?: AbortSignal): Promise<KubeClient> {
    return connectRemote(this.cluster, this, signal);
  }

  private async owner(signal?: AbortSignal): Promise<OwnerIdentity> {
    return this.fixedIdentity ?? remoteOwnerIdentity('ProxySync', this.name, this.cluster, this.management, signal);
  }

  private payloadStore(client: KubeClient, owner: OwnerIdentity): PayloadStore {
    return new PayloadStore({ client, namespace: this.remote.namespace, owner, fieldManager: this.fieldManager });
  }

  private async loadDesired(client: KubeClient, dryRun: boolean, assumeKinds: readonly KindDefinition[], signal?: AbortSignal): Promise<DesiredSet> {
    const manifests = await this.source.load(signal ? { signal } : {});
    return prepareDesiredSet(manifests, {
      ...(this.settings.targetNamespace ? { targetNamespace: this.settings.targetNamespace } : {}),
      ...(signal ? { signal } : {}),
      logger: this.logger,
      resolveScope: async (apiVersion, kind) => {
        try {
          const m = await client.mapping(apiVersion, kind, signal ? { signal } : {});
          return m.namespaced ? 'Namespaced' : 'Cluster';
        } catch (err) {
          if (!(isSyncError(err) && err.code === 'UNKNOWN_KIND')) throw err;
          const assumed = dryRun ? assumeKinds.find((k) => k.apiVersion === apiVersion && k.kind === kind) : undefined;
          return assumed ? (assumed.namespaced ? 'Namespaced' : 'Cluster') : undefined;
        }
      },
    });
  }

  private async pass(client: KubeClient, options: SyncPassOptions, startedAt: number): Promise<ProxySyncResult> {
    const { signal, dryRun = false } = options;
    const assumeKinds = dryRun ? (options.assumeKinds ?? []) : [];
    const opts = signal ? { signal } : {};
    const ref = this.remoteRef;
    const requests = (): Record<string, number> => ({ ...client.stats });

    const installed = await checkControllerInstalled(client, this.cluster.name, { ...opts, assumeKinds });
    const owner = await this.owner(signal);
    this.emit('progress', { syncer: this.name, phase: 'validate', done: 0, total: 1 });
    let desired: DesiredSet;
    let payload: PayloadPlan;
    try {
      desired = await this.loadDesired(client, dryRun, assumeKinds, signal);
      payload = planPayload(desired.objects.map((d) => d.object), { prefix: this.remote.name, inlineLimitBytes: this.inlineLimitBytes });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (!isSyncError(err)) throw err;
      return this.done({ state: 'failed', message: `invalid desired set: ${err.message}`, error: err, requests: requests(), startedAt });
    }
    const revision = desired.revision;
    this.emit('progress', { syncer: this.name, phase: 'validate', done: 1, total: 1 });
    const desiredSync = buildRemoteSync(this.settings, payload, owner);
    const chunkNames = new Set(payload.chunks.map((c) => c.name));
    const store = this.payloadStore(client, owner);

    if (!installed) {
      // A dry run after a dependency that would install the CRDs: everything would be created.
      const changes: Change[] = [
        ...[...chunkNames].map((name): Change => ({ ref: store.refOf(name), action: 'created' })),
        { ref, action: 'created', reason: 'the syncprims CRDs are installed earlier in this pass' },
      ];
      return this.done({ state: 'planned', message: `planned: ${summarize(changes)}`, changes, revision, requests: requests(), definesKinds: kindDefinitions(desired.objects.map((d) => d.object)), startedAt });
    }

    const live = await client.get(ref, opts);
    const liveOwner = live?.metadata.labels?.[OWNER_LABEL];
    if (live && liveOwner !== undefined && liveOwner !== ownerLabelValue(owner)) {
      throw new ApplyError(
        'CONFLICT',
        `remote Sync ${this.remote.namespace}/${this.remote.name} in ${this.cluster.name} belongs to ${live.metadata.annotations?.[OWNER_ANNOTATION] ?? 'another owner'}; refusing to take it over`,
        { ref },
      );
    }
    const namespaceExists = live !== undefined || (await ensureNamespace(client, this.remote.namespace, { dryRun, fieldManager: this.fieldManager, ...opts }));
    const liveChunks = namespaceExists ? await store.list(signal) : new Map<string, KubeObject>();

    const changes: Change[] = [];
    const applied = (change: Change): void => {
      changes.push(change);
      this.emit('applied', { syncer: this.name, change });
    };
    const total = chunkNames.size + 1;
    const progress = (): void => {
      this.emit('progress', { syncer: this.name, phase: 'apply', done: changes.length, total });
    };
    for (const change of await store.write(payload.chunks, liveChunks, dryRun, signal)) {
      applied(change);
      progress();
    }

    let current: KubeObject | undefined = live;
    if (live && matchesLiveSync(live, desiredSync)) {
      applied({ ref, action: 'unchanged' });
    } else if (dryRun) {
      if (!namespaceExists) {
        applied({ ref, action: 'created' });
      } else {
        const res = await client.apply(desiredSync, { fieldManager: this.fieldManager, force: true, dryRun: true, ...opts });
        const fields = live ? diffPaths(live, res.object) : [];
        applied(res.created || !live ? { ref, action: 'created' } : fields.length > 0 ? { ref, action: 'configured', fields } : { ref, action: 'unchanged' });
      }
    } else {
      const res = await client.apply(desiredSync, { fieldManager: this.fieldManager, force: true, ...opts });
      current = res.object;
      const action = res.created ? 'created' : live?.metadata.resourceVersion === res.object.metadata.resourceVersion ? 'unchanged' : 'configured';
      applied({ ref, action });
    }
    progress();

    if (dryRun) {
      for (const change of await store.prune(chunkNames, liveChunks, true, signal)) changes.push(change);
      return this.done({ state: 'planned', message: `planned: ${summarize(changes)}`, changes, revision, requests: requests(), definesKinds: kindDefinitions(desired.objects.map((d) => d.object)), startedAt });
    }
    if (!current) throw new SyncError('NOT_FOUND', `remote Sync ${formatRef(ref)} vanished while being applied`, { ref, retryable: true });

    const generation = current.metadata.generation ?? 0;
    const outcome = await waitForRemoteSync({
      client,
      ref,
      generation,
      initial: current,
      deadline: Date.now() + this.timeout,
      ...opts,
      onSeen: (_obj, verdict) => {
        this.emit('progress', {
          syncer: this.name,
          phase: 'wait',
          done: verdict.phase === 'ready' ? 1 : 0,
          total: 1,
          ...(verdict.phase === 'ready' ? {} : { waitingFor: [{ ref, reason: verdict.message }] }),
        });
      },
    });

    const seen = outcome.type === 'deleted' ? undefined : outcome.object;
    const remote = seen ? this.observe(seen) : undefined;
    if (remote && remote.status.observedGeneration >= generation && liveChunks.size > 0) {
      // The remote controller has read the new spec: the chunks it no longer references can go.
      for (const change of await store.prune(chunkNames, liveChunks, false, signal)) {
        changes.push(change);
        this.emit('pruned', { syncer: this.name, change });
      }
    }
    const where = `remote Sync ${this.remote.namespace}/${this.remote.name} in ${this.cluster.name}`;
    return this.done({ ...outcomeResult(outcome, ref, where, this.timeout), changes, revision, requests: requests(), startedAt }, remote);
  }

  private observe(obj: KubeObject): RemoteSyncObservation | undefined {
    const decoded = decodeStatus('Sync', obj);
    if (!decoded.ok) return undefined;
    return {
      cluster: this.cluster.name,
      namespace: this.remote.namespace,
      name: this.remote.name,
      generation: obj.metadata.generation ?? 0,
      status: decoded.status,
      seenAt: formatConditionTime(new Date()),
    };
  }

  private done(init: ResultInit, remote?: RemoteSyncObservation): ProxySyncResult {
    const result: ProxySyncResult = { ...this.makeResult(init), ...(remote ? { remote } : {}) };
    if (result.state === 'ready' || result.state === 'planned') this.emit('ready', result);
    else this.emit('failed', result);
    return result;
  }
}


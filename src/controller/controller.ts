import { hostname } from 'node:os';
import { EventEmitter } from 'eventemitter3';
import type { Cluster } from '../cluster/cluster.js';
import type { KubeClient } from '../cluster/kube-client.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { KubeObject } from '../core/object-ref.js';
import { OptionsError, SyncError } from '../core/sync-error.js';
import { API_VERSION, KINDS, isSyncKind, type SyncKind } from '../api/group.js';
import { REQUESTED_AT_ANNOTATION } from '../api/annotations.js';
import { decodeSpec } from '../api/decode-spec.js';
import { decodeStatus } from '../api/decode-status.js';
import { isReadyAtGeneration } from '../api/status.js';
import type { ControllerEvents } from './controller-events.js';
import type { ControllerOptions } from './controller-options.js';
import { DependencyIndex } from './dependency-index.js';
import { EventRecorder } from './event-recorder.js';
import { Informer, type InformerChange } from './informer.js';
import type { KindReconciler } from './kind-reconciler.js';
import { LeaderElector } from './leader-elector.js';
import { resolveLeaderElection, type ResolvedLeaderElection } from './leader-election-options.js';
import { formatObjectKey } from './object-key.js';
import { remoteSyncReconciler } from './remote-sync-reconciler.js';
import { proxySyncReconciler } from './proxy-sync-reconciler.js';
import { ResourceReconciler } from './resource-reconciler.js';
import { syncReconciler } from './sync-reconciler.js';
import { WorkQueue } from './work-queue.js';

/** Options of {@link Controller.stop}. */
export interface ControllerStopOptions {
  /**
   * Give the Lease up so a standby takes over at once. `false` leaves it to expire, as a
   * crashed replica would (for tests of failover).
   * @default true
   */
  releaseLease?: boolean;
}

/** Options of {@link Controller.start}. */
export interface ControllerStartOptions {
  /** Aborting it stops the controller, as {@link Controller.stop} does. @default undefined */
  signal?: AbortSignal;
}

function readyAtGeneration(kind: SyncKind, obj: KubeObject | undefined): boolean {
  if (!obj || obj.metadata.deletionTimestamp) return false;
  const decoded = decodeStatus(kind, obj);
  return decoded.ok && isReadyAtGeneration(decoded.status, obj.metadata.generation);
}

function dependsOnKey(kind: SyncKind, obj: KubeObject | undefined): string {
  if (!obj) return '';
  const decoded = decodeSpec(kind, obj);
  return decoded.ok ? JSON.stringify(decoded.spec.dependsOn) : '';
}

/**
 * The syncprims controller: reconciles `Sync`, `RemoteSync` and `ProxySync` custom resources (and any kind
 * you add a {@link KindReconciler} for) with the SDK classes, so the declarative and the
 * programmatic forms behave the same. `syncprims controller` runs exactly this.
 *
 * - Watch-based and level-based: an {@link Informer} per syncprims kind (list + watch, relist
 *   on 410, reconnect with backoff); a {@link WorkQueue} serialises each object, deduplicates
 *   and bounds concurrency.
 * - An object is reconciled when it appears, when its generation or its
 *   `syncprims.dev/requestedAt` annotation changes, when it is being deleted, every `interval`
 *   (± 10 %), after failures with a backoff from `retryInterval`, and the moment one of its
 *   `dependsOn` becomes Ready (a reverse index, no polling).
 * - Leader election on a Lease (on by default); `stop()` aborts in-flight passes and releases
 *   the Lease.
 *
 * Errors: `start()` rejects with `OptionsError` when started twice and with the cluster's
 * `SyncError` when it cannot connect; everything after start is retried and reported through
 * status, Kubernetes Events, the logger and the typed events.
 *
 * @example
 * ```ts
 * import { Cluster, Controller } from 'syncprims';
 *
 * const controller = new Controller({ cluster: Cluster.fromKubeconfig(), namespace: 'apps', concurrency: 8 });
 * controller.on('reconciled', (e) => console.log(`${e.kind} ${e.namespace}/${e.name}: ${e.result.message}`));
 * controller.on('failed', (e) => console.error(e.name, e.error.code, e.error.message));
 * await controller.start({ signal: AbortSignal.timeout(60_000) });
 * process.once('SIGTERM', () => void controller.stop());
 * ```
 */
export class Controller extends EventEmitter<ControllerEvents> {
  private readonly options: ControllerOptions;
  private readonly logger: Logger;
  private readonly reconcilers: ReadonlyMap<SyncKind, KindReconciler>;
  private readonly index = new DependencyIndex();
  private readonly informers = new Map<SyncKind, Informer>();
  private readonly queue: WorkQueue;
  private readonly election: ResolvedLeaderElection | undefined;
  /** This replica's identity: the Lease holder identity, and `reportingInstance` of its Events. */
  readonly identity: string;
  private abort: AbortController | undefined;
  private background: Promise<unknown>[] = [];
  private reconciler: ResourceReconciler | undefined;
  private recorder: EventRecorder | undefined;
  private stopping: Promise<void> | undefined;
  private activeElector: LeaderElector | undefined;
  private leading = false;

  constructor(options: ControllerOptions) {
    super();
    if (!options || typeof options !== 'object' || !options.cluster || typeof (options.cluster as { connect?: unknown }).connect !== 'function') {
      throw new OptionsError('Controller: `cluster` must be a Cluster');
    }
    this.options = options;
    this.logger = options.logger ?? silentLogger;
    const all = options.reconcilers ?? [syncReconciler, remoteSyncReconciler, proxySyncReconciler];
    const kinds = options.kinds ?? all.map((r) => r.kind);
    const reconcilers = new Map<SyncKind, KindReconciler>();
    for (const kind of kinds) {
      if (!isSyncKind(kind)) throw new OptionsError(`Controller: unknown kind ${JSON.stringify(kind)} in \`kinds\``);
      const reconciler = all.find((r) => r.kind === kind);
      if (!reconciler) throw new OptionsError(`Controller: no reconciler for kind ${kind} (add one to \`reconcilers\`)`);
      reconcilers.set(kind, reconciler);
    }
    this.reconcilers = reconcilers;
    this.queue = new WorkQueue({
      concurrency: options.concurrency ?? 4,
      logger: this.logger,
      handler: (key, signal) => this.reconciler?.reconcile(key, signal) ?? Promise.resolve({}),
    });
    const election = options.leaderElection ?? true;
    this.election = election === false ? undefined : resolveLeaderElection(election === true ? {} : election);
    this.identity = this.election?.identity ?? `${hostname()}_${process.pid}`;
  }

  /** True while this replica reconciles (it is the leader, or leader election is off). */
  get isLeader(): boolean {
    return this.leading;
  }

  /** The kinds this controller reconciles. */
  get kinds(): readonly SyncKind[] {
    return [...this.reconcilers.keys()];
  }

  /** The cached object, as the controller sees it (for tests and tools). */
  get(kind: SyncKind, namespace: string, name: string): KubeObject | undefined {
    return this.informers.get(kind)?.get(`${namespace}/${name}`);
  }

  /** Resolves when no reconcile is queued or running (scheduled requeues do not count). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * Starts watching and, once leading (at once without leader election), reconciling.
   * Resolves when the caches are filled; the controller then runs until {@link stop} or until
   * `signal` aborts.
   */
  async start(options: ControllerStartOptions = {}): Promise<void> {
    if (this.abort) throw new OptionsError('Controller: already started');
    const abort = new AbortController();
    this.abort = abort;
    this.stopping = undefined;
    const { signal } = abort;
    options.signal?.addEventListener('abort', () => void this.stop(), { once: true });
    if (options.signal?.aborted) {
      await this.stop();
      return;
    }
    let client: KubeClient;
    try {
      client = await this.options.cluster.connect({ signal });
    } catch (err) {
      this.abort = undefined;
      throw err;
    }
    const events = this.options.events ?? true;
    this.recorder = events === false ? undefined : new EventRecorder(client, { instance: this.identity, ...(events === true ? {} : events), logger: this.logger });
    this.reconciler = new ResourceReconciler({
      cluster: this.options.cluster,
      client,
      logger: this.logger,
      recorder: this.recorder,
      reconcilers: this.reconcilers,
      lookup: (kind, namespace, name) => this.get(kind, namespace, name),
      dependencies: this.index,
      emit: (event, ...args) => void (this.emit as (event: string, ...args: unknown[]) => boolean)(event, ...args),
    });

    const synced: Promise<void>[] = [];
    for (const kind of KINDS) {
      const informer = new Informer({
        client,
        apiVersion: API_VERSION,
        kind,
        ...(this.options.namespace ? { namespace: this.options.namespace } : {}),
        logger: this.logger,
      });
      informer.on('change', (change) => this.onChange(kind, change));
      synced.push(
        new Promise<void>((resolve) => {
          informer.once('synced', resolve);
          // A kind not served yet (its CRD missing) or not readable must not hold the others up.
          informer.once('problem', () => resolve());
          signal.addEventListener('abort', () => resolve(), { once: true });
        }),
      );
      this.informers.set(kind, informer);
      this.background.push(informer.run(signal));
    }
    await Promise.all(synced);
    if (signal.aborted) return;

    if (this.election) {
      const elector = new LeaderElector(client, this.election, this.logger);
      this.activeElector = elector;
      this.background.push(
        elector.run(signal, {
          onStartedLeading: () => this.lead(),
          onStoppedLeading: () => this.unlead(),
        }),
      );
    } else {
      this.lead();
    }
    this.logger.info('controller started', { identity: this.identity, kinds: this.kinds, namespace: this.options.namespace ?? '(all)' });
  }

  /**
   * Stops: aborts in-flight passes (their objects are reconciled again by the next leader),
   * stops the watches, releases the Lease (unless `releaseLease: false`), and waits for the
   * Kubernetes Events in flight. Safe to call more than once.
   */
  stop(options: ControllerStopOptions = {}): Promise<void> {
    if (!this.abort) return Promise.resolve();
    this.stopping ??= this.shutdown(options);
    return this.stopping;
  }

  private async shutdown(options: ControllerStopOptions): Promise<void> {
    const abort = this.abort;
    abort?.abort(new SyncError('ABORTED', 'the controller is stopping', { retryable: true }));
    await Promise.allSettled(this.background);
    if (!this.activeElector) await this.unlead();
    if (this.activeElector && options.releaseLease !== false) await this.activeElector.release();
    await this.recorder?.flush();
    this.reconciler?.forgetAll();
    this.background = [];
    this.informers.clear();
    this.activeElector = undefined;
    this.abort = undefined;
    this.logger.info('controller stopped', { identity: this.identity });
    this.emit('stopped');
  }

  private lead(): void {
    this.leading = true;
    this.emit('leader', { identity: this.identity, leading: true });
    for (const kind of this.reconcilers.keys()) {
      for (const obj of this.informers.get(kind)?.list() ?? []) {
        this.queue.add(formatObjectKey(kind, obj.metadata.namespace ?? '', obj.metadata.name));
      }
    }
    this.queue.start();
  }

  private async unlead(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.queue.stop();
    this.emit('leader', { identity: this.identity, leading: false });
  }

  private onChange(kind: SyncKind, change: InformerChange): void {
    const { object, previous } = change;
    const namespace = object.metadata.namespace ?? '';
    const key = formatObjectKey(kind, namespace, object.metadata.name);
    if (change.type === 'DELETED') {
      this.index.remove(key);
      this.queue.forget(key);
      this.reconciler?.forget(key);
    } else {
      const decoded = decodeSpec(kind, object);
      this.index.set(key, decoded.ok ? decoded.spec.dependsOn.map((d) => formatObjectKey(d.kind, namespace, d.name)) : []);
      if (this.reconcilers.has(kind) && this.wantsReconcile(change)) this.queue.add(key);
    }
    // Wake the dependents when this object became Ready, appeared, vanished or changed its own
    // dependencies (which may break a cycle they are stalled on).
    const becameReady = readyAtGeneration(kind, object) && !readyAtGeneration(kind, previous);
    const edgesChanged = change.type === 'MODIFIED' && dependsOnKey(kind, object) !== dependsOnKey(kind, previous);
    if (change.type !== 'MODIFIED' || becameReady || edgesChanged) {
      for (const dependent of this.index.dependentsOf(key)) {
        const [dependentKind] = dependent.split('/');
        if (isSyncKind(dependentKind) && this.reconcilers.has(dependentKind)) this.queue.add(dependent);
      }
    }
  }

  /** Status-only changes (our own writes) do not reconcile the object again. */
  private wantsReconcile(change: InformerChange): boolean {
    const { object, previous } = change;
    if (change.type === 'ADDED' || !previous) return true;
    if (object.metadata.generation !== previous.metadata.generation) return true;
    if (object.metadata.annotations?.[REQUESTED_AT_ANNOTATION] !== previous.metadata.annotations?.[REQUESTED_AT_ANNOTATION]) return true;
    if (object.metadata.deletionTimestamp && !previous.metadata.deletionTimestamp) return true;
    return false;
  }
}

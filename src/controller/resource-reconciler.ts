import type { Cluster } from '../cluster/cluster.js';
import type { KubeClient } from '../cluster/kube-client.js';
import type { Logger } from '../core/logger.js';
import type { KubeObject } from '../core/object-ref.js';
import { SyncError, isSyncError } from '../core/sync-error.js';
import type { Change, SyncResult } from '../core/sync-result.js';
import { formatRef } from '../core/object-ref.js';
import type { SyncKind } from '../api/group.js';
import { decodeSpec, type SpecOf } from '../api/decode-spec.js';
import { REQUESTED_AT_ANNOTATION } from '../api/annotations.js';
import { ConditionTypes, findCondition } from '../api/status.js';
import type { WorkResult } from './work-queue.js';
import type { ControllerEvents, ResourceEvent } from './controller-events.js';
import type { EventRecorder } from './event-recorder.js';
import type { KindReconciler, SyncerHandle } from './kind-reconciler.js';
import type { DependencyIndex } from './dependency-index.js';
import { checkDependencies, type ObjectLookup } from './check-dependencies.js';
import { findCycle } from './find-cycle.js';
import { formatObjectKey, parseObjectKey } from './object-key.js';
import { nextStatus, shortRevision, type StatusOutcome } from './next-status.js';
import { readStatus, writeStatus } from './write-status.js';
import { FINALIZER, addFinalizer, hasFinalizer, removeFinalizer } from './finalizer.js';
import { computeBackoff } from './compute-backoff.js';
import { jitterDuration } from './jitter-duration.js';

/** What the {@link ResourceReconciler} needs from the controller around it. */
export interface ReconcileEnvironment {
  readonly cluster: Cluster;
  readonly client: KubeClient;
  readonly logger: Logger;
  readonly recorder: EventRecorder | undefined;
  readonly reconcilers: ReadonlyMap<SyncKind, KindReconciler>;
  /** The informer caches. */
  readonly lookup: ObjectLookup;
  readonly dependencies: DependencyIndex;
  readonly emit: <E extends keyof ControllerEvents>(event: E, ...args: ControllerEvents[E]) => void;
}

/** The common fields of every kind's decoded spec that the controller itself acts on. */
type CommonSpec = Pick<SpecOf<SyncKind>, 'interval' | 'retryInterval' | 'suspend' | 'dependsOn' | 'deletionPolicy'>;

/** Ready reasons after which a plain retry or interval pass needs no `Reconciling` status first. */
const SETTLED_REASONS = new Set(['ReconciliationSucceeded', 'ReconciliationFailed', 'HealthCheckFailed']);

function count(changes: readonly Change[], ...actions: Change['action'][]): Change[] {
  return changes.filter((c) => actions.includes(c.action));
}

function listRefs(changes: readonly Change[], max = 5): string {
  const shown = changes.slice(0, max).map((c) => formatRef(c.ref));
  return changes.length > max ? `${shown.join(', ')}, ... (${changes.length - max} more)` : shown.join(', ');
}

/** A failed {@link SyncResult} for an error thrown where a result was expected. */
function failedResult(name: string, err: unknown): SyncResult {
  const error = isSyncError(err) ? err : new SyncError('INTERNAL', err instanceof Error ? err.message : String(err), { cause: err });
  return { name, ready: false, state: 'failed', changes: [], revision: '', message: error.message, error, durationMs: 0 };
}

/**
 * One level-based reconcile of one custom resource, the same for every kind: read it from the
 * cache, finalize it when being deleted, decode the spec (`Stalled` on error, no write to the
 * target), refuse dependency cycles (`Stalled`), honour `suspend`, wait for `dependsOn`
 * (`DependencyNotReady`, woken by the dependency's watch event), add the finalizer, run the
 * kind's syncer, write the status and Kubernetes Events, and say when to come back
 * (`interval` ± 10 % when Ready, `retryInterval` doubling up to `interval` after failures).
 */
export class ResourceReconciler {
  private readonly env: ReconcileEnvironment;
  private readonly handles = new Map<string, { fingerprint: string; handle: SyncerHandle }>();
  private readonly failures = new Map<string, number>();

  constructor(env: ReconcileEnvironment) {
    this.env = env;
  }

  /** Forgets what is kept for `key` (its syncer, its failure count). */
  forget(key: string): void {
    this.handles.get(key)?.handle.dispose?.();
    this.handles.delete(key);
    this.failures.delete(key);
  }

  /** Forgets everything (at shutdown). */
  forgetAll(): void {
    for (const key of [...this.handles.keys()]) this.forget(key);
    this.failures.clear();
  }

  /** Reconciles the object named by `key` (`Kind/namespace/name`). Never rejects. */
  async reconcile(key: string, signal: AbortSignal): Promise<WorkResult> {
    const parsed = parseObjectKey(key);
    if (!parsed) return {};
    const reconciler = this.env.reconcilers.get(parsed.kind);
    const obj = this.env.lookup(parsed.kind, parsed.namespace, parsed.name);
    if (!reconciler || !obj) return {};
    try {
      if (obj.metadata.deletionTimestamp) return await this.finalize(key, parsed.kind, obj, reconciler, signal);
      return await this.reconcileLive(key, parsed.kind, obj, reconciler, signal);
    } catch (err) {
      if (signal.aborted) return {};
      const error = isSyncError(err) ? err : new SyncError('INTERNAL', `reconcile failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err, retryable: true });
      this.env.logger.warn('reconcile failed', { key, code: error.code, error: error.message });
      this.env.emit('failed', { ...this.describe(parsed.kind, obj), error });
      return { requeueAfter: this.backoff(key, undefined) };
    }
  }

  private describe(kind: SyncKind, obj: KubeObject): ResourceEvent {
    return { kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name, generation: obj.metadata.generation ?? 0 };
  }

  private backoff(key: string, spec: CommonSpec | undefined): number {
    const failures = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, failures);
    const base = spec?.retryInterval ?? 5_000;
    return computeBackoff(base, failures, Math.max(base, spec?.interval ?? 300_000));
  }

  private async handleFor(key: string, kind: SyncKind, obj: KubeObject, spec: SpecOf<SyncKind>, reconciler: KindReconciler, signal: AbortSignal): Promise<SyncerHandle> {
    const fingerprint = `${obj.metadata.uid ?? ''}/${obj.metadata.generation ?? 0}`;
    const kept = this.handles.get(key);
    if (kept && kept.fingerprint === fingerprint) return kept.handle;
    kept?.handle.dispose?.();
    this.handles.delete(key);
    const handle = await reconciler.createSyncer({
      object: obj,
      spec,
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name,
      cluster: this.env.cluster,
      client: this.env.client,
      logger: this.env.logger,
      signal,
    });
    this.handles.set(key, { fingerprint, handle });
    return handle;
  }

  private async status(kind: SyncKind, obj: KubeObject, outcome: StatusOutcome, signal: AbortSignal, requestedAt?: string) {
    const generation = obj.metadata.generation ?? 0;
    const reconciler = this.env.reconcilers.get(kind);
    return writeStatus(
      this.env.client,
      kind,
      obj,
      (previous) => {
        const now = new Date();
        const next = nextStatus(previous, outcome, { generation, now, ...(requestedAt !== undefined ? { requestedAt } : {}) });
        // A kind may say more than the common status (a ProxySync mirrors its remote Sync).
        return outcome.type === 'result' && reconciler?.refineStatus ? reconciler.refineStatus(next, { previous, result: outcome.result, generation, now }) : next;
      },
      signal,
    );
  }

  private record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.env.recorder?.record(obj, type, reason, message);
  }

  private async reconcileLive(key: string, kind: SyncKind, obj: KubeObject, reconciler: KindReconciler, signal: AbortSignal): Promise<WorkResult> {
    const { logger } = this.env;
    const event = this.describe(kind, obj);
    const namespace = event.namespace;
    const requestedAt = obj.metadata.annotations?.[REQUESTED_AT_ANNOTATION];

    const decoded = decodeSpec(kind, obj);
    if (!decoded.ok) {
      const message = `invalid spec: ${decoded.path}: ${decoded.message}`;
      const written = await this.status(kind, obj, { type: 'invalidSpec', message }, signal, requestedAt);
      if (written.written) this.record(obj, 'Warning', 'InvalidSpec', message);
      this.env.emit('failed', { ...event, error: new SyncError('INVALID_SPEC', message, { source: { field: decoded.path } }) });
      return {};
    }
    const spec = decoded.spec as SpecOf<SyncKind>;
    if (decoded.unknownFields.length > 0) logger.warn('unknown fields ignored', { key, fields: decoded.unknownFields });
    this.env.dependencies.set(key, spec.dependsOn.map((d) => formatObjectKey(d.kind, namespace, d.name)));

    const cycle = findCycle(key, (k) => this.env.dependencies.dependenciesOf(k));
    if (cycle) {
      const path = cycle.map((k) => k.split('/').filter((_, i) => i !== 1).join('/')).join(' -> ');
      const message = `dependency cycle: ${path}`;
      const written = await this.status(kind, obj, { type: 'cycle', message }, signal, requestedAt);
      if (written.written) this.record(obj, 'Warning', 'DependencyCycle', message);
      this.env.emit('failed', { ...event, error: new SyncError('DEPENDENCY_CYCLE', message) });
      return {};
    }

    if (spec.suspend) {
      await this.status(kind, obj, { type: 'suspended' }, signal);
      logger.debug('suspended', { key });
      return {};
    }

    const deps = checkDependencies(namespace, spec.dependsOn, this.env.lookup);
    if (!deps.ready) {
      await this.status(kind, obj, { type: 'waiting', message: deps.message }, signal);
      logger.debug('waiting for a dependency', { key, dependency: deps.waitingFor });
      this.env.emit('waiting', { ...event, dependency: deps.waitingFor, message: deps.message });
      return { requeueAfter: jitterDuration(spec.interval) };
    }

    let current: KubeObject = obj;
    if (!hasFinalizer(current)) {
      const updated = await addFinalizer(this.env.client, current, signal);
      if (!updated) return {};
      current = updated;
    }

    const previous = readStatus(kind, current);
    const ready = findCondition(previous.conditions, ConditionTypes.Ready);
    const newRequest = requestedAt !== undefined && requestedAt !== previous.lastHandledRequestedAt;
    const settled = previous.observedGeneration === event.generation && ready !== undefined && SETTLED_REASONS.has(ready.reason);
    if (!settled || newRequest) {
      const message = newRequest ? `reconciling on request (${requestedAt})` : `reconciling generation ${event.generation}`;
      current = (await this.status(kind, current, { type: 'progressing', message }, signal)).object ?? current;
    }

    this.env.emit('reconciling', event);
    let result: SyncResult;
    try {
      const handle = await this.handleFor(key, kind, current, spec, reconciler, signal);
      result = await handle.syncer.sync({ signal });
    } catch (err) {
      // Building the syncer failed, or the pass rejected (a programming error): report it in
      // the status like any failed pass rather than leaving it `Reconciling`.
      if (signal.aborted) throw err;
      result = failedResult(event.name, err);
    }
    signal.throwIfAborted();

    await this.status(kind, current, { type: 'result', result }, signal, requestedAt);
    this.recordResult(current, result);
    if (result.ready) {
      this.failures.delete(key);
      logger.info('reconciled', { key, revision: result.revision, changes: result.changes.length, durationMs: result.durationMs });
      this.env.emit('reconciled', { ...event, result });
      return { requeueAfter: jitterDuration(spec.interval) };
    }
    const error = result.error ?? new SyncError('NOT_READY', result.message, { retryable: true });
    const delay = this.backoff(key, spec);
    logger.warn('reconcile not ready', { key, state: result.state, code: error.code, error: result.message, retryInMs: delay });
    this.env.emit('failed', { ...event, error, result });
    return { requeueAfter: delay };
  }

  private recordResult(obj: KubeObject, result: SyncResult): void {
    const applied = count(result.changes, 'created', 'configured');
    if (applied.length > 0) {
      const created = count(applied, 'created').length;
      const configured = applied.length - created;
      this.record(obj, 'Normal', 'Applied', `revision ${shortRevision(result.revision)}: ${created} created, ${configured} configured: ${listRefs(applied)}`);
    }
    const pruned = count(result.changes, 'pruned');
    if (pruned.length > 0) this.record(obj, 'Normal', 'Pruned', `pruned ${pruned.length}: ${listRefs(pruned)}`);
    if (!result.ready) {
      const reason = result.state === 'timeout' ? 'HealthCheckFailed' : 'ReconciliationFailed';
      this.record(obj, 'Warning', reason, result.message);
    }
  }

  private async finalize(key: string, kind: SyncKind, obj: KubeObject, reconciler: KindReconciler, signal: AbortSignal): Promise<WorkResult> {
    const event = this.describe(kind, obj);
    if (!hasFinalizer(obj)) return {};
    const decoded = decodeSpec(kind, obj);
    const rawPolicy = (obj['spec'] as { deletionPolicy?: unknown } | undefined)?.deletionPolicy;
    const policy = decoded.ok ? decoded.spec.deletionPolicy : rawPolicy === 'Orphan' ? 'Orphan' : 'Delete';
    let result: SyncResult | undefined;
    if (policy === 'Delete' && decoded.ok) {
      const spec = decoded.spec as SpecOf<SyncKind>;
      const handle = await this.handleFor(key, kind, obj, spec, reconciler, signal);
      result = await handle.syncer.delete({ signal });
      signal.throwIfAborted();
      if (!result.ready) {
        const error = result.error ?? new SyncError('PRUNE_FAILED', result.message, { retryable: true });
        await this.status(kind, obj, { type: 'deletionFailed', result }, signal);
        this.record(obj, 'Warning', 'DeletionFailed', result.message);
        this.env.emit('failed', { ...event, error, result });
        return { requeueAfter: this.backoff(key, spec) };
      }
      const pruned = count(result.changes, 'pruned');
      this.record(obj, 'Normal', 'Pruned', pruned.length > 0 ? `deleted ${pruned.length}: ${listRefs(pruned)}` : 'nothing to delete');
    } else if (policy === 'Delete') {
      const why = decoded.ok ? '' : `invalid spec (${decoded.path}: ${decoded.message})`;
      this.record(obj, 'Warning', 'Orphaned', `cannot tear down: ${why}; the applied objects are left in place`);
    } else {
      this.record(obj, 'Normal', 'Orphaned', 'deletionPolicy Orphan: the applied objects are left in place');
    }
    await removeFinalizer(this.env.client, obj, signal);
    this.env.logger.info('finalized', { key, policy, finalizer: FINALIZER });
    this.forget(key);
    this.env.emit('deleted', { ...event, orphaned: result === undefined, ...(result ? { result } : {}) });
    return {};
  }
}

import * as t from 'io-ts';
import { EventEmitter } from 'eventemitter3';
import { anySignal, sleep } from '../core/abort.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { KubeObject, ObjectRef } from '../core/object-ref.js';
import { isSyncError } from '../core/sync-error.js';
import type { KubeClient } from '../cluster/kube-client.js';
import { decideLease, formatMicroTime, type LeaseObservation, type LeaseSpec } from './decide-lease.js';
import { jitterDuration } from './jitter-duration.js';
import { resolveLeaderElection, type LeaderElectionOptions, type ResolvedLeaderElection } from './leader-election-options.js';

/** The typed events of a {@link LeaderElector}. */
export interface LeaderElectorEvents {
  /** This replica became the leader. */
  leading: [identity: string];
  /** This replica stopped leading (lost the Lease, or stopped). */
  stopped: [identity: string];
  /** Another replica holds the Lease (emitted when the holder changes). */
  observed: [holder: string];
}

/** What {@link LeaderElector.run} calls when leadership starts and ends. */
export interface LeadershipCallbacks {
  /** Called on becoming the leader; `signal` aborts when leadership ends. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Called when leadership ends; awaited before this replica competes again. */
  onStoppedLeading(): void | Promise<void>;
}

/** The Lease spec fields leader election reads (a Lease from the server is untrusted input). */
const leaseSpecCodec = t.partial({
  holderIdentity: t.union([t.string, t.null]),
  leaseDurationSeconds: t.union([t.number, t.null]),
  acquireTime: t.union([t.string, t.null]),
  renewTime: t.union([t.string, t.null]),
  leaseTransitions: t.union([t.number, t.null]),
});

function readLeaseSpec(raw: unknown): LeaseSpec {
  if (!leaseSpecCodec.is(raw)) return {};
  const spec: LeaseSpec = {};
  if (typeof raw.holderIdentity === 'string') spec.holderIdentity = raw.holderIdentity;
  if (typeof raw.leaseDurationSeconds === 'number') spec.leaseDurationSeconds = raw.leaseDurationSeconds;
  if (typeof raw.acquireTime === 'string') spec.acquireTime = raw.acquireTime;
  if (typeof raw.renewTime === 'string') spec.renewTime = raw.renewTime;
  if (typeof raw.leaseTransitions === 'number') spec.leaseTransitions = raw.leaseTransitions;
  return spec;
}

/**
 * Leader election with a `coordination.k8s.io/v1` Lease, as client-go does it: candidates try
 * to acquire every `retryPeriodMs`; the leader renews every `retryPeriodMs` and gives up when
 * it could not renew for `renewDeadlineMs`; a standby takes over once the holder's record has
 * not changed for `leaseDurationMs`; `release()` empties the holder so a standby takes over at
 * once. Writes use optimistic concurrency (`resourceVersion`), so two replicas never both lead.
 *
 * Errors: API errors are logged and retried; `run()` resolves when its signal aborts.
 *
 * @example
 * ```ts
 * import { Cluster, LeaderElector } from 'syncprims';
 * const client = await Cluster.fromKubeconfig().connect();
 * const elector = new LeaderElector(client, { namespace: 'syncprims-system' });
 * const stop = new AbortController();
 * await elector.run(stop.signal, {
 *   onStartedLeading: (signal) => console.log('leading until', signal.aborted),
 *   onStoppedLeading: () => console.log('standby'),
 * });
 * await elector.release();
 * ```
 */
export class LeaderElector extends EventEmitter<LeaderElectorEvents> {
  /** The resolved options (identity included). */
  readonly settings: ResolvedLeaderElection;
  private readonly client: Pick<KubeClient, 'get' | 'create' | 'replace'>;
  private readonly logger: Logger;
  private observed: LeaseObservation | undefined;
  private lastHolder: string | undefined;
  private leading = false;

  constructor(client: Pick<KubeClient, 'get' | 'create' | 'replace'>, options: LeaderElectionOptions = {}, logger: Logger = silentLogger) {
    super();
    this.client = client;
    this.settings = resolveLeaderElection(options);
    this.logger = logger;
  }

  /** This replica's identity. */
  get identity(): string {
    return this.settings.identity;
  }

  /** True while this replica holds the Lease. */
  get isLeader(): boolean {
    return this.leading;
  }

  private get ref(): ObjectRef {
    return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: this.settings.namespace, name: this.settings.name };
  }

  /**
   * Competes for the Lease until `signal` aborts: acquire, lead (renewing), and on losing the
   * Lease go back to competing. Does not release the Lease: call {@link release} after the
   * work has stopped.
   */
  async run(signal: AbortSignal, callbacks: LeadershipCallbacks): Promise<void> {
    while (!signal.aborted) {
      const acquired = await this.acquire(signal);
      if (!acquired) return;
      this.leading = true;
      const leadership = new AbortController();
      this.logger.info('leader election: leading', { identity: this.identity, lease: `${this.settings.namespace}/${this.settings.name}` });
      this.emit('leading', this.identity);
      try {
        await callbacks.onStartedLeading(leadership.signal);
        await this.renew(signal);
      } finally {
        leadership.abort();
        this.leading = false;
        this.logger.info('leader election: stopped leading', { identity: this.identity });
        this.emit('stopped', this.identity);
        await callbacks.onStoppedLeading();
      }
    }
  }

  /**
   * Gives the Lease up (empty holder, 1 s duration) so a standby takes over at once.
   * A no-op when another replica holds it. Errors are logged, not thrown.
   */
  async release(options: { signal?: AbortSignal } = {}): Promise<void> {
    try {
      const lease = await this.client.get(this.ref, options.signal ? { signal: options.signal } : {});
      if (!lease) return;
      const spec = readLeaseSpec(lease.spec);
      if (spec.holderIdentity !== this.identity) return;
      const now = formatMicroTime(Date.now());
      const released: LeaseSpec = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: spec.leaseTransitions ?? 0 };
      await this.client.replace({ ...lease, spec: released }, options.signal ? { signal: options.signal } : {});
      this.observed = undefined;
      this.logger.info('leader election: released the lease', { identity: this.identity });
    } catch (err) {
      this.logger.warn('leader election: releasing the lease failed', { identity: this.identity, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Tries every retry period (with jitter) until acquired (true) or aborted (false). */
  private async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      if (await this.attempt(signal)) return true;
      const delay = jitterDuration(this.settings.retryPeriodMs * 1.1, 0.1 / 1.1);
      if (!(await this.pause(delay, signal))) return false;
    }
    return false;
  }

  /** Renews every retry period; returns when the Lease is lost or `signal` aborts. */
  private async renew(signal: AbortSignal): Promise<void> {
    let lastRenewal = Date.now();
    while (!signal.aborted) {
      if (!(await this.pause(this.settings.retryPeriodMs, signal))) return;
      const left = this.settings.renewDeadlineMs - (Date.now() - lastRenewal);
      const deadline = AbortSignal.timeout(Math.max(1, left));
      const ok = await this.attempt(anySignal(signal, deadline));
      if (signal.aborted) return;
      if (ok) {
        lastRenewal = Date.now();
        continue;
      }
      if (this.lastHolder !== undefined && this.lastHolder !== this.identity && this.lastHolder !== '') return;
      if (Date.now() - lastRenewal >= this.settings.renewDeadlineMs) {
        this.logger.warn('leader election: could not renew within the renew deadline', { identity: this.identity });
        return;
      }
    }
  }

  /** One acquire-or-renew round; true when this replica holds the Lease afterwards. */
  private async attempt(signal: AbortSignal): Promise<boolean> {
    try {
      const lease = await this.client.get(this.ref, { signal });
      const spec = lease ? readLeaseSpec(lease.spec) : undefined;
      const decision = decideLease({
        spec,
        identity: this.identity,
        now: Date.now(),
        observed: this.observed,
        leaseDurationMs: this.settings.leaseDurationMs,
      });
      this.observed = decision.observed;
      if (decision.action === 'wait') {
        if (decision.holder !== this.lastHolder) {
          this.logger.debug('leader election: lease held by another replica', { holder: decision.holder });
          this.emit('observed', decision.holder ?? '');
        }
        this.lastHolder = decision.holder;
        return false;
      }
      const body: KubeObject = lease
        ? { ...lease, spec: decision.spec }
        : { apiVersion: this.ref.apiVersion, kind: 'Lease', metadata: { name: this.settings.name, namespace: this.settings.namespace }, spec: decision.spec };
      const written = decision.action === 'create' ? await this.client.create(body, { signal }) : await this.client.replace(body, { signal });
      this.observed = { record: JSON.stringify(readLeaseSpec(written.spec)), observedAt: Date.now() };
      this.lastHolder = this.identity;
      return true;
    } catch (err) {
      if (signal.aborted) return false;
      if (isSyncError(err) && (err.code === 'CONFLICT_VERSION' || err.code === 'ALREADY_EXISTS')) {
        this.logger.debug('leader election: lost a race for the lease', { identity: this.identity });
        return false;
      }
      this.logger.warn('leader election: reading or writing the lease failed', {
        identity: this.identity,
        error: err instanceof Error ? err.message : String(err),
      });
      return false;
    }
  }

  private async pause(ms: number, signal: AbortSignal): Promise<boolean> {
    try {
      await sleep(ms, signal);
      return true;
    } catch {
      return false;
    }
  }
}

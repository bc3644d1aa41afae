import { randomBytes } from 'node:crypto';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { KubeObject } from '../core/object-ref.js';
import { isSyncError } from '../core/sync-error.js';
import type { KubeClient } from '../cluster/kube-client.js';

/** `Normal` for what went as planned, `Warning` for failures. */
export type EventType = 'Normal' | 'Warning';

/** Options of {@link EventRecorder}. */
export interface EventRecorderOptions {
  /** Written as `source.component` and `reportingComponent`. @default 'syncprims-controller' */
  component?: string;
  /** Written as `reportingInstance` (e.g. the replica's identity). @default '' */
  instance?: string;
  /**
   * Repeats of the same event (same object, type, reason and message) within this window bump
   * `count` and `lastTimestamp` of the existing Event instead of creating a new one; 0 turns
   * aggregation off. @default 600000 (10 minutes)
   */
  aggregateWindowMs?: number;
  /** Where failures to record are reported. @default a silent logger */
  logger?: Logger;
}

const MAX_MESSAGE = 1024;
const MAX_REMEMBERED = 4096;

interface Remembered {
  readonly name: string;
  readonly namespace: string;
  count: number;
  lastSeen: number;
}

/**
 * Records Kubernetes Events (`core/v1`) on an object, like client-go's recorder: repeats are
 * aggregated into one Event with a growing `count`. Recording never throws and never blocks
 * the caller: failures are logged; {@link flush} waits for the writes in flight.
 *
 * Caveats: messages are truncated to 1024 characters; never pass Secret data.
 *
 * @example
 * ```ts
 * import { Cluster, EventRecorder } from 'syncprims';
 * const client = await Cluster.fromKubeconfig().connect();
 * const recorder = new EventRecorder(client, { component: 'my-controller' });
 * const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' } };
 * recorder.record(obj, 'Normal', 'Applied', 'applied 3 objects');
 * await recorder.flush();
 * ```
 */
export class EventRecorder {
  private readonly client: Pick<KubeClient, 'create' | 'request'>;
  private readonly component: string;
  private readonly instance: string;
  private readonly windowMs: number;
  private readonly logger: Logger;
  private readonly remembered = new Map<string, Remembered>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();

  constructor(client: Pick<KubeClient, 'create' | 'request'>, options: EventRecorderOptions = {}) {
    this.client = client;
    this.component = options.component ?? 'syncprims-controller';
    this.instance = options.instance ?? '';
    this.windowMs = options.aggregateWindowMs ?? 600_000;
    this.logger = options.logger ?? silentLogger;
  }

  /** Records one Event on `obj` (in its namespace, `default` when cluster-scoped). */
  record(obj: KubeObject, type: EventType, reason: string, message: string): void {
    const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 3)}...` : message;
    const key = [obj.metadata.uid ?? `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, type, reason, text].join('\u0000');
    // Repeats of one event are written one after the other, so they aggregate.
    const previous = this.chains.get(key) ?? Promise.resolve();
    const write: Promise<void> = previous
      .then(() => this.write(key, obj, type, reason, text))
      .catch((err: unknown) => {
        this.logger.warn('recording an event failed', {
          reason,
          object: `${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}`,
          error: err instanceof Error ? err.message : String(err),
        });
      })
      .finally(() => {
        this.inFlight.delete(write);
        if (this.chains.get(key) === write) this.chains.delete(key);
      });
    this.chains.set(key, write);
    this.inFlight.add(write);
  }

  /** Resolves when every Event recorded so far was written (or failed). */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async write(key: string, obj: KubeObject, type: EventType, reason: string, message: string): Promise<void> {
    const namespace = obj.metadata.namespace ?? 'default';
    const now = Date.now();
    const seen = this.remembered.get(key);
    if (seen && this.windowMs > 0 && now - seen.lastSeen < this.windowMs) {
      seen.count += 1;
      seen.lastSeen = now;
      try {
        await this.client.request({
          method: 'PATCH',
          path: `/api/v1/namespaces/${encodeURIComponent(seen.namespace)}/events/${encodeURIComponent(seen.name)}`,
          contentType: 'application/merge-patch+json',
          body: { count: seen.count, lastTimestamp: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z') },
        });
        return;
      } catch (err) {
        if (!(isSyncError(err) && err.code === 'NOT_FOUND')) throw err;
        this.remembered.delete(key);
      }
    }
    const name = `${obj.metadata.name}.${randomBytes(8).toString('hex')}`;
    const timestamp = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await this.client.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name,
        ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
        ...(obj.metadata.uid ? { uid: obj.metadata.uid } : {}),
        ...(obj.metadata.resourceVersion ? { resourceVersion: obj.metadata.resourceVersion } : {}),
      },
      reason,
      message,
      type,
      source: { component: this.component },
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      eventTime: null,
      count: 1,
      reportingComponent: this.component,
      reportingInstance: this.instance,
    });
    if (this.windowMs > 0) {
      if (this.remembered.size >= MAX_REMEMBERED) {
        const oldest = this.remembered.keys().next().value;
        if (oldest !== undefined) this.remembered.delete(oldest);
      }
      this.remembered.set(key, { name, namespace, count: 1, lastSeen: now });
    }
  }
}


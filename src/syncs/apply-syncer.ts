import { BaseSyncer } from '../core/base-syncer.js';
import type { DeletePassOptions, SyncPassOptions } from '../core/syncer.js';
import type { SyncResult } from '../core/sync-result.js';
import { isSyncError } from '../core/sync-error.js';
import { throwIfAborted } from '../core/abort.js';
import type { KubeClient } from '../cluster/index.js';
import type { Source } from '../manifests/index.js';
import type { HealthRule } from '../health/index.js';
import { runSyncPass } from '../apply/sync-pass.js';
import { runDeletePass } from '../apply/delete-pass.js';
import { InventoryStore, defaultInventoryLocation, DEFAULT_INVENTORY_NAMESPACE } from '../apply/inventory-store.js';
import type { OwnerIdentity } from '../apply/owner-identity.js';
import type { PassContext } from '../apply/pass-context.js';
import { DEFAULT_CONCURRENCY, DEFAULT_FIELD_MANAGER, DEFAULT_TIMEOUT_MS, validateApplySyncOptions, type ApplySyncOptions } from './sync-options.js';

/**
 * The shared machinery of `Sync` and `RemoteSync`: both run the same apply engine; they differ
 * in how they reach the cluster and in the ownership identity they stamp on objects.
 */
export abstract class ApplySyncer extends BaseSyncer {
  /** The source of desired objects. */
  readonly source: Source;
  protected readonly settings: Required<Pick<ApplySyncOptions, 'prune' | 'wait' | 'timeout' | 'fieldManager' | 'force' | 'concurrency' | 'inventoryNamespace'>> & {
    targetNamespace?: string;
    healthRules: readonly HealthRule[];
  };

  protected constructor(kind: string, options: ApplySyncOptions) {
    validateApplySyncOptions(kind, options);
    super(options);
    this.source = options.source;
    this.settings = {
      prune: options.prune ?? true,
      wait: options.wait ?? true,
      timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
      fieldManager: options.fieldManager ?? DEFAULT_FIELD_MANAGER,
      force: options.force ?? false,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      inventoryNamespace: options.inventoryNamespace ?? DEFAULT_INVENTORY_NAMESPACE,
      healthRules: options.healthRules ?? [],
      ...(options.targetNamespace ? { targetNamespace: options.targetNamespace } : {}),
    };
  }

  /** Connects to the target cluster for one pass. */
  protected abstract connect(signal?: AbortSignal): Promise<KubeClient>;

  /** The ownership identity stamped on every object (label + annotation) and on the inventory. */
  protected abstract owner(client: KubeClient, signal?: AbortSignal): Promise<OwnerIdentity>;

  private context(client: KubeClient, owner: OwnerIdentity, dryRun: boolean, signal?: AbortSignal): PassContext {
    const s = this.settings;
    return {
      syncer: this.name,
      client,
      owner,
      fieldManager: s.fieldManager,
      force: s.force,
      dryRun,
      prune: s.prune,
      wait: s.wait,
      timeout: s.timeout,
      concurrency: s.concurrency,
      healthRules: s.healthRules,
      logger: this.logger,
      ...(s.targetNamespace ? { targetNamespace: s.targetNamespace } : {}),
      ...(signal ? { signal } : {}),
    };
  }

  /**
   * One pass: validate the whole source, apply it (staged server-side apply), record the
   * inventory, prune, wait for readiness.
   *
   * Errors: resolves with `ready: false` and a typed `error` for every failure (bad input,
   * API errors, unreachable cluster, readiness); rejects with the signal's reason when aborted.
   */
  async sync(options: SyncPassOptions = {}): Promise<SyncResult> {
    const startedAt = Date.now();
    const { signal, dryRun = false } = options;
    throwIfAborted(signal);
    this.logger.debug('sync pass starting', { syncer: this.name, dryRun });
    let client: KubeClient | undefined;
    try {
      client = await this.connect(signal);
      const owner = await this.owner(client, signal);
      const store = new InventoryStore(client, owner, defaultInventoryLocation(owner, this.settings.inventoryNamespace));
      const ctx = { ...this.context(client, owner, dryRun, signal), ...(dryRun && options.assumeKinds ? { assumeKinds: options.assumeKinds } : {}) };
      const outcome = await runSyncPass(ctx, this.source, store, this);
      return this.finish({ ...outcome, requests: { ...client.stats }, startedAt });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (!isSyncError(err)) throw err;
      return this.finish({ state: 'failed', message: err.message, error: err, startedAt, ...(client ? { requests: { ...client.stats } } : {}) });
    }
  }

  /**
   * Tears down every object this syncer owns (from its inventory in the target cluster), in
   * reverse dependency order of kinds, then the inventory itself.
   */
  override async delete(options: DeletePassOptions = {}): Promise<SyncResult> {
    const startedAt = Date.now();
    const { signal } = options;
    throwIfAborted(signal);
    try {
      const client = await this.connect(signal);
      const owner = await this.owner(client, signal);
      const store = new InventoryStore(client, owner, defaultInventoryLocation(owner, this.settings.inventoryNamespace));
      const outcome = await runDeletePass(this.context(client, owner, false, signal), store, this);
      return this.finish({ ...outcome, startedAt });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (!isSyncError(err)) throw err;
      return this.finish({ state: 'failed', message: err.message, error: err, startedAt });
    }
  }
}

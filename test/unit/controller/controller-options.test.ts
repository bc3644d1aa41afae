import { describe, it, expect } from 'vitest';
import { Controller } from '../../../src/controller/controller.js';
import { syncReconciler } from '../../../src/controller/sync-reconciler.js';
import { Cluster } from '../../../src/cluster/cluster.js';
import type { SyncKind } from '../../../src/api/group.js';

// Never connected: only the constructor's checks run.
const cluster = Cluster.fromKubeconfig({ yaml: 'apiVersion: v1\nkind: Config\n' });

describe('Controller options', () => {
  it('refuses a missing cluster, unknown kinds and kinds without a reconciler', () => {
    expect(() => new Controller({} as never)).toThrow(/`cluster` must be a Cluster/);
    expect(() => new Controller({ cluster, kinds: ['Deployment' as SyncKind] })).toThrow(/unknown kind "Deployment"/);
    expect(() => new Controller({ cluster, kinds: ['RemoteSync'], reconcilers: [syncReconciler] })).toThrow(/no reconciler for kind RemoteSync/);
  });

  it('reconciles the kinds of its reconcilers unless told otherwise', () => {
    expect(new Controller({ cluster, leaderElection: false }).kinds).toEqual(['Sync', 'RemoteSync', 'ProxySync']);
    expect(new Controller({ cluster, leaderElection: false, reconcilers: [syncReconciler] }).kinds).toEqual(['Sync']);
    expect(new Controller({ cluster, leaderElection: false, kinds: ['Sync'] }).kinds).toEqual(['Sync']);
  });

  it('checks leader election options at construction and uses its identity', () => {
    expect(() => new Controller({ cluster, leaderElection: { leaseDurationMs: 1_000, renewDeadlineMs: 2_000 } })).toThrow(/leaseDurationMs/);
    expect(new Controller({ cluster, leaderElection: { identity: 'replica-7' } }).identity).toBe('replica-7');
    expect(new Controller({ cluster, leaderElection: false }).isLeader).toBe(false);
  });

  it('stop() before start() is a no-op', async () => {
    await expect(new Controller({ cluster, leaderElection: false }).stop()).resolves.toBeUndefined();
  });
});

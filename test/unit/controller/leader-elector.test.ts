import { describe, it, expect, afterEach } from 'vitest';
import { LeaderElector } from '../../../src/controller/leader-elector.js';
import { resolveLeaderElection } from '../../../src/controller/leader-election-options.js';
import { SyncError } from '../../../src/core/sync-error.js';
import type { KubeObject, ObjectRef } from '../../../src/core/object-ref.js';
import type { KubeClient } from '../../../src/cluster/kube-client.js';

/** One Lease kept in memory with resourceVersion checks, as the API server does. */
class LeaseStore implements Pick<KubeClient, 'get' | 'create' | 'replace'> {
  lease: KubeObject | undefined;
  private rv = 0;
  async get(_ref: ObjectRef): Promise<KubeObject | undefined> {
    await Promise.resolve();
    return this.lease ? structuredClone(this.lease) : undefined;
  }
  async create(obj: KubeObject): Promise<KubeObject> {
    await Promise.resolve();
    if (this.lease) throw new SyncError('ALREADY_EXISTS', 'exists');
    this.lease = { ...structuredClone(obj), metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } };
    return structuredClone(this.lease);
  }
  async replace(obj: KubeObject): Promise<KubeObject> {
    await Promise.resolve();
    if (!this.lease || obj.metadata.resourceVersion !== this.lease.metadata.resourceVersion) throw new SyncError('CONFLICT_VERSION', 'conflict');
    this.lease = { ...structuredClone(obj), metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } };
    return structuredClone(this.lease);
  }
  get holder(): string | undefined {
    return (this.lease?.['spec'] as { holderIdentity?: string } | undefined)?.holderIdentity;
  }
}

const timings = { leaseDurationMs: 600, renewDeadlineMs: 400, retryPeriodMs: 100 };
const aborters: AbortController[] = [];
afterEach(() => aborters.splice(0).forEach((a) => a.abort()));

function candidate(store: LeaseStore, identity: string) {
  const elector = new LeaderElector(store, { ...timings, identity, namespace: 'ns', name: 'lock' });
  const stop = new AbortController();
  aborters.push(stop);
  const log: string[] = [];
  const running = elector.run(stop.signal, {
    onStartedLeading: () => void log.push('start'),
    onStoppedLeading: () => void log.push('stop'),
  });
  return { elector, stop, running, log };
}

const until = async (what: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('LeaderElector', () => {
  it('one of two candidates leads; the other takes over only after the Lease expired when the leader dies', async () => {
    const store = new LeaseStore();
    const a = candidate(store, 'a');
    const b = candidate(store, 'b');
    await until(() => a.elector.isLeader || b.elector.isLeader);
    const [leader, standby] = a.elector.isLeader ? [a, b] : [b, a];
    // Several retry periods later the leader still leads, renewing, and never both.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(leader.elector.isLeader).toBe(true);
    expect(standby.elector.isLeader).toBe(false);
    expect(standby.log).toEqual([]);

    leader.stop.abort(); // dies without releasing
    await leader.running;
    const diedAt = Date.now();
    expect(store.holder).toBe(leader.elector.identity);
    await until(() => standby.elector.isLeader);
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(timings.leaseDurationMs - timings.retryPeriodMs * 2);
    expect(store.holder).toBe(standby.elector.identity);
    expect((store.lease?.['spec'] as { leaseTransitions?: number }).leaseTransitions).toBe(1);
    expect(standby.log).toEqual(['start']);
    expect(leader.log).toEqual(['start', 'stop']);
  });

  it('release() empties the holder so a standby takes over at once', async () => {
    const store = new LeaseStore();
    const a = candidate(store, 'a');
    await until(() => a.elector.isLeader);
    const b = candidate(store, 'b');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(b.elector.isLeader).toBe(false);
    a.stop.abort();
    await a.running;
    const releasedAt = Date.now();
    await a.elector.release();
    expect(store.holder ?? '').toBe('');
    await until(() => b.elector.isLeader);
    expect(Date.now() - releasedAt).toBeLessThan(timings.leaseDurationMs);
  });

  it('a leader that cannot renew within the renew deadline stops leading', async () => {
    const store = new LeaseStore();
    const a = candidate(store, 'a');
    await until(() => a.elector.isLeader);
    const broken = store.replace.bind(store);
    store.replace = async () => Promise.reject(new SyncError('UNREACHABLE', 'down', { retryable: true }));
    await until(() => !a.elector.isLeader);
    expect(a.log).toEqual(['start', 'stop']);
    store.replace = broken;
    await until(() => a.elector.isLeader); // and competes again (its own Lease: renewed at once)
  });

  it('another holder taking the Lease ends leadership at the next renewal', async () => {
    const store = new LeaseStore();
    const a = candidate(store, 'a');
    await until(() => a.elector.isLeader);
    const lease = store.lease!;
    await store.replace({ ...lease, spec: { ...(lease['spec'] as object), holderIdentity: 'intruder' } });
    await until(() => !a.elector.isLeader);
    expect(a.log).toEqual(['start', 'stop']);
  });
});

describe('resolveLeaderElection', () => {
  it('fills in the client-go defaults', () => {
    const r = resolveLeaderElection({ identity: 'me' });
    expect(r).toEqual({ namespace: 'syncprims-system', name: 'syncprims-controller', identity: 'me', leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 });
    expect(resolveLeaderElection().identity).toMatch(/_[0-9a-f]{8}$/);
  });

  it('refuses inconsistent durations', () => {
    expect(() => resolveLeaderElection({ leaseDurationMs: 5_000, renewDeadlineMs: 5_000 })).toThrow(/greater than renewDeadlineMs/);
    expect(() => resolveLeaderElection({ renewDeadlineMs: 2_000, retryPeriodMs: 2_000 })).toThrow(/1.2/);
    expect(() => resolveLeaderElection({ retryPeriodMs: -1 })).toThrow(/positive/);
  });
});

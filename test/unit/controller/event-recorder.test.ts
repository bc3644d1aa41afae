import { describe, it, expect } from 'vitest';
import { EventRecorder } from '../../../src/controller/event-recorder.js';
import { SyncError } from '../../../src/core/sync-error.js';
import type { KubeObject } from '../../../src/core/object-ref.js';
import type { RawRequest } from '../../../src/cluster/kube-client.js';

function fakeClient() {
  const created: KubeObject[] = [];
  const patched: RawRequest[] = [];
  let failPatch: SyncError | undefined;
  return {
    created,
    patched,
    failNextPatch(err: SyncError) {
      failPatch = err;
    },
    async create(obj: KubeObject) {
      created.push(obj);
      return obj;
    },
    async request<T>(req: RawRequest): Promise<T> {
      if (failPatch) {
        const err = failPatch;
        failPatch = undefined;
        throw err;
      }
      patched.push(req);
      return {} as T;
    },
  };
}

const sync: KubeObject = { apiVersion: 'syncprims.dev/v1alpha1', kind: 'Sync', metadata: { name: 'web', namespace: 'apps', uid: 'u-1', resourceVersion: '7' } };

describe('EventRecorder', () => {
  it('creates a core/v1 Event on the object', async () => {
    const client = fakeClient();
    const recorder = new EventRecorder(client, { instance: 'replica-1' });
    recorder.record(sync, 'Normal', 'Applied', 'revision sha256:abc: 1 created');
    await recorder.flush();
    expect(client.created).toHaveLength(1);
    expect(client.created[0]).toMatchObject({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { namespace: 'apps' },
      involvedObject: { apiVersion: 'syncprims.dev/v1alpha1', kind: 'Sync', name: 'web', namespace: 'apps', uid: 'u-1', resourceVersion: '7' },
      reason: 'Applied',
      message: 'revision sha256:abc: 1 created',
      type: 'Normal',
      count: 1,
      source: { component: 'syncprims-controller' },
      reportingComponent: 'syncprims-controller',
      reportingInstance: 'replica-1',
    });
    expect(client.created[0]!.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
  });

  it('aggregates repeats into one Event with a growing count, and starts over when it is gone', async () => {
    const client = fakeClient();
    const recorder = new EventRecorder(client);
    for (let i = 0; i < 3; i++) recorder.record(sync, 'Warning', 'ReconciliationFailed', 'apply failed');
    await recorder.flush();
    recorder.record(sync, 'Warning', 'ReconciliationFailed', 'another message');
    await recorder.flush();
    expect(client.created.map((e) => e['message'])).toEqual(['apply failed', 'another message']);
    expect(client.patched.map((p) => (p.body as { count: number }).count)).toEqual([2, 3]);
    expect(client.patched[0]!.path).toBe(`/api/v1/namespaces/apps/events/${client.created[0]!.metadata.name}`);

    client.failNextPatch(new SyncError('NOT_FOUND', 'gone'));
    recorder.record(sync, 'Warning', 'ReconciliationFailed', 'apply failed');
    await recorder.flush();
    expect(client.created).toHaveLength(3);
  });

  it('creates a new Event each time with aggregation off, and truncates long messages', async () => {
    const client = fakeClient();
    const recorder = new EventRecorder(client, { aggregateWindowMs: 0 });
    recorder.record(sync, 'Normal', 'Pruned', 'x'.repeat(5_000));
    recorder.record(sync, 'Normal', 'Pruned', 'x'.repeat(5_000));
    await recorder.flush();
    expect(client.created).toHaveLength(2);
    expect((client.created[0]!['message'] as string).length).toBe(1024);
  });

  it('never throws: a failed write is logged', async () => {
    const warnings: string[] = [];
    const recorder = new EventRecorder(
      { create: async () => Promise.reject(new SyncError('FORBIDDEN', 'events is forbidden')), request: async () => ({}) as never },
      { logger: { debug() {}, info() {}, error() {}, warn: (m, f) => warnings.push(`${m} ${String(f?.['error'])}`) } },
    );
    recorder.record(sync, 'Normal', 'Applied', 'ok');
    await recorder.flush();
    expect(warnings).toEqual(['recording an event failed events is forbidden']);
  });
});

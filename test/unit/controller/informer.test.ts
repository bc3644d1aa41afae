import { describe, it, expect } from 'vitest';
import { Informer, type InformerChange } from '../../../src/controller/informer.js';
import { SyncError } from '../../../src/core/sync-error.js';
import type { KubeObject } from '../../../src/core/object-ref.js';
import type { KubeClient, WatchEvent, WatchOptions } from '../../../src/cluster/kube-client.js';

const obj = (name: string, rv: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', resourceVersion: rv } });

type Step = (options: WatchOptions, emit: (e: WatchEvent) => void) => Promise<void>;

/** A scripted list/watch client: each call takes the next list result or watch step. */
function scripted(lists: (() => Promise<{ items: KubeObject[]; resourceVersion: string }>)[], watches: Step[]) {
  const calls: string[] = [];
  const client: Pick<KubeClient, 'list' | 'watch'> = {
    async list() {
      calls.push('list');
      const next = lists.shift();
      if (!next) return new Promise(() => {});
      return next();
    },
    async watch(_apiVersion, _kind, options, onEvent) {
      calls.push(`watch@${options.resourceVersion}`);
      const next = watches.shift();
      if (!next) {
        await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
        return;
      }
      return next(options, onEvent);
    },
  };
  return { client, calls };
}

function collect(informer: Informer): string[] {
  const seen: string[] = [];
  informer.on('change', (c: InformerChange) => seen.push(`${c.type} ${c.object.metadata.name}@${c.object.metadata.resourceVersion}${c.previous ? ` (was ${c.previous.metadata.resourceVersion})` : ''}`));
  return seen;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('Informer', () => {
  it('lists, watches from the list revision, and re-lists on 410 Gone reporting what changed meanwhile', async () => {
    const { client, calls } = scripted(
      [
        async () => ({ items: [obj('a', '1'), obj('b', '2')], resourceVersion: '10' }),
        async () => ({ items: [obj('a', '12'), obj('d', '13')], resourceVersion: '20' }),
      ],
      [
        async (_o, emit) => {
          emit({ type: 'MODIFIED', object: obj('a', '11') });
          emit({ type: 'ADDED', object: obj('c', '12') });
          emit({ type: 'DELETED', object: obj('b', '12') });
          emit({ type: 'ADDED', object: { nonsense: true } as unknown as KubeObject });
          throw new SyncError('GONE', 'too old resource version');
        },
      ],
    );
    const informer = new Informer({ client, apiVersion: 'v1', kind: 'ConfigMap' });
    const seen = collect(informer);
    let synced = 0;
    informer.on('synced', () => void (synced += 1));
    const stop = new AbortController();
    const running = informer.run(stop.signal);
    await settle();
    stop.abort();
    await running;
    expect(seen).toEqual([
      'ADDED a@1',
      'ADDED b@2',
      'MODIFIED a@11 (was 1)',
      'ADDED c@12',
      'DELETED b@12 (was 2)',
      'MODIFIED a@12 (was 11)',
      'ADDED d@13',
      'DELETED c@12 (was 12)',
    ]);
    expect(calls).toEqual(['list', 'watch@10', 'list', 'watch@20']);
    expect(synced).toBe(2);
    expect(informer.hasSynced).toBe(true);
    expect(informer.list().map((o) => o.metadata.name).sort()).toEqual(['a', 'd']);
    expect(informer.get('ns/a')?.metadata.resourceVersion).toBe('12');
  });

  it('watches again from the last event when the server ends the stream', async () => {
    const { client, calls } = scripted(
      [async () => ({ items: [], resourceVersion: '5' })],
      [
        async (_o, emit) => emit({ type: 'ADDED', object: obj('x', '6') }),
        async (_o, emit) => emit({ type: 'MODIFIED', object: obj('x', '7') }),
      ],
    );
    const informer = new Informer({ client, apiVersion: 'v1', kind: 'ConfigMap' });
    const stop = new AbortController();
    const running = informer.run(stop.signal);
    await settle();
    stop.abort();
    await running;
    expect(calls).toEqual(['list', 'watch@5', 'watch@6', 'watch@7']);
  });

  it('never stops on errors: reports them, backs off, lists again and carries on', async () => {
    const { client, calls } = scripted(
      [
        async () => Promise.reject(new SyncError('FORBIDDEN', 'configmaps is forbidden')),
        async () => Promise.reject(new SyncError('UNKNOWN_KIND', 'not served')),
        async () => ({ items: [obj('a', '1')], resourceVersion: '3' }),
        async () => ({ items: [obj('a', '1')], resourceVersion: '4' }),
      ],
      [async () => Promise.reject(new SyncError('UNREACHABLE', 'connection refused', { retryable: true }))],
    );
    const informer = new Informer({ client, apiVersion: 'v1', kind: 'ConfigMap', backoffBaseMs: 1, backoffCapMs: 5 });
    const problems: string[] = [];
    informer.on('problem', (err) => problems.push((err as SyncError).code));
    const seen = collect(informer);
    const stop = new AbortController();
    const running = informer.run(stop.signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop.abort();
    await running;
    expect(problems).toEqual(['FORBIDDEN', 'UNKNOWN_KIND', 'UNREACHABLE']);
    expect(calls).toEqual(['list', 'list', 'list', 'watch@3', 'list', 'watch@4']);
    // The re-list after the error found nothing new: no duplicate event.
    expect(seen).toEqual(['ADDED a@1']);
  });
});

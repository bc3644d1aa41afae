import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/core/object-ref.js';
import { OWNER_LABEL, ownerLabelValue } from '../../../src/apply/owner-identity.js';
import { decodeSpec } from '../../../src/api/decode-spec.js';
import { Cluster } from '../../../src/cluster/cluster.js';
import { Source } from '../../../src/manifests/index.js';
import { buildRemoteSync, type RemoteSyncSettings } from '../../../src/syncs/proxy/build-remote-sync.js';
import { matchesLiveSync } from '../../../src/syncs/proxy/matches-live-sync.js';
import { planPayload } from '../../../src/syncs/proxy/plan-payload.js';
import { ProxySync } from '../../../src/syncs/proxy-sync.js';

const owner = { kind: 'ProxySync', name: 'web', namespace: 'fleet', scope: 'uid-1' };
const settings: RemoteSyncSettings = {
  name: 'web',
  namespace: 'apps',
  interval: 120_000,
  timeout: 300_000,
  prune: true,
  wait: true,
  force: false,
  suspend: false,
  dependsOn: [],
  labels: { team: 'web' },
  annotations: {},
};
const objects: KubeObject[] = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'apps' }, data: { k: 'v' } }];

describe('buildRemoteSync', () => {
  it('builds a Sync with the payload inline, durations as strings, and the ownership label', () => {
    const sync = buildRemoteSync(settings, planPayload(objects, { prefix: 'web', inlineLimitBytes: 1024 }), owner);
    expect(sync).toMatchObject({ apiVersion: 'syncprims.dev/v1alpha1', kind: 'Sync', metadata: { name: 'web', namespace: 'apps' } });
    expect(sync.metadata.labels).toMatchObject({ team: 'web', [OWNER_LABEL]: ownerLabelValue(owner) });
    expect(sync.metadata.annotations?.['syncprims.dev/owned-by']).toBe('uid-1/ProxySync/fleet/web');
    expect(sync['spec']).toEqual({
      source: { inline: objects },
      interval: '2m',
      timeout: '5m',
      prune: true,
      wait: true,
      force: false,
      suspend: false,
      dependsOn: [],
      deletionPolicy: 'Delete',
    });
    expect(decodeSpec('Sync', sync).ok).toBe(true);
  });

  it('references the chunks in order, each by its data key', () => {
    const plan = planPayload(objects, { prefix: 'web', inlineLimitBytes: 0 });
    const sync = buildRemoteSync({ ...settings, retryInterval: 5_000, targetNamespace: 'apps' }, plan, owner);
    const spec = sync['spec'] as Record<string, unknown>;
    expect(plan.chunks).toHaveLength(1);
    expect(spec['source']).toEqual({ configMapRefs: [{ name: plan.chunks[0]!.name, key: 'manifests.yaml' }] });
    expect(spec['retryInterval']).toBe('5s');
    expect(spec['targetNamespace']).toBe('apps');
  });
});

describe('matchesLiveSync', () => {
  const desired = buildRemoteSync(settings, planPayload(objects, { prefix: 'web', inlineLimitBytes: 1024 }), owner);

  /** The object as the API server returns it: defaults written out, server metadata, status, a finalizer. */
  function asServed(obj: KubeObject, spec: Record<string, unknown> = {}): KubeObject {
    return {
      ...obj,
      metadata: { ...obj.metadata, uid: 'u', resourceVersion: '12', generation: 3, finalizers: ['syncprims.dev/finalizer'], labels: { ...obj.metadata.labels, extra: 'x' } },
      spec: { ...(obj['spec'] as Record<string, unknown>), ...spec },
      status: { observedGeneration: 3 },
    };
  }

  it('matches what the server made of the same spec (explicit defaults, extra labels, status)', () => {
    expect(matchesLiveSync(asServed(desired, { retryInterval: '2m' }), desired)).toBe(true);
  });

  it('does not match a changed spec, a label taken away, or an object being deleted', () => {
    expect(matchesLiveSync(asServed(desired, { interval: '3m' }), desired)).toBe(false);
    expect(matchesLiveSync(asServed(desired, { source: { inline: [{ ...objects[0], data: { k: 'hand-edited' } }] } }), desired)).toBe(false);
    const unlabelled = asServed(desired);
    delete unlabelled.metadata.labels![OWNER_LABEL];
    expect(matchesLiveSync(unlabelled, desired)).toBe(false);
    const deleting = asServed(desired);
    deleting.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    expect(matchesLiveSync(deleting, desired)).toBe(false);
  });
});

describe('ProxySync options', () => {
  const cluster = Cluster.fromKubeconfig({ yaml: 'apiVersion: v1\nkind: Config\n' });
  const source = Source.objects(objects);

  it('refuses bad options with the field named', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ name: 'Web' }, /`name` must be a lowercase DNS-1123 name/],
      [{ namespace: 'a.b' }, /`namespace` must be a DNS-1123 label/],
      [{ interval: 0 }, /`interval` must be a positive whole number of milliseconds/],
      [{ timeout: 1.5 }, /`timeout` must be a positive whole number/],
      [{ inlineLimitBytes: 2_000_000 }, /`inlineLimitBytes` must be a whole number of bytes from 0 to 786432/],
      [{ deletionPolicy: 'Keep' }, /`deletionPolicy` must be 'Delete' or 'Orphan'/],
      [{ labels: { team: 'not a label value' } }, /`labels.team` must be a label value/],
      [{ remoteDependsOn: [{ kind: 'Deployment', name: 'x' }] }, /`remoteDependsOn\[0\]` must be/],
      [{ cluster: {} }, /`cluster` must be a Cluster/],
      [{ source: 'apps/' }, /`source` must be a Source/],
    ];
    for (const [override, message] of bad) {
      expect(() => new ProxySync({ name: 'web', cluster, source, ...override } as ConstructorParameters<typeof ProxySync>[0]), JSON.stringify(override)).toThrow(message);
    }
  });

  it('names the remote Sync after the ProxySync in `default` unless told otherwise', () => {
    expect(new ProxySync({ name: 'web', cluster, source }).remoteRef).toEqual({ apiVersion: 'syncprims.dev/v1alpha1', kind: 'Sync', namespace: 'default', name: 'web' });
    expect(new ProxySync({ name: 'web', cluster, source, namespace: 'apps', remoteName: 'web-edge' }).remoteRef).toMatchObject({ namespace: 'apps', name: 'web-edge' });
  });
});

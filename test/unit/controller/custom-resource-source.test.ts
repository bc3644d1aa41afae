import { describe, it, expect } from 'vitest';
import { CustomResourceSource } from '../../../src/controller/custom-resource-source.js';
import { isSyncError, ValidationError } from '../../../src/core/sync-error.js';
import type { KubeObject, ObjectRef } from '../../../src/core/object-ref.js';

const configMaps: Record<string, KubeObject> = {
  manifests: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'manifests', namespace: 'apps' },
    data: {
      'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-b2}\n',
      'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: from-a}\n',
    },
  },
  broken: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'broken', namespace: 'apps' }, data: { bad: 'kind: [unclosed' } },
};
const requested: ObjectRef[] = [];
const client = {
  async get(ref: ObjectRef) {
    requested.push(ref);
    return ref.namespace === 'apps' ? configMaps[ref.name] : undefined;
  },
};
const inline = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inline' } }];

describe('CustomResourceSource', () => {
  it('loads inline objects first, then every key of each ConfigMap in key order, from the resource namespace', async () => {
    const source = new CustomResourceSource(client, 'apps', 'Sync apps/web', { inline, configMapRefs: [{ name: 'manifests' }] });
    const manifests = await source.load();
    expect(manifests.map((m) => m.object.metadata.name)).toEqual(['inline', 'from-a', 'from-b', 'from-b2']);
    expect(manifests.map((m) => m.origin.origin)).toEqual([
      'Sync apps/web spec.source.inline',
      'ConfigMap apps/manifests key a.yaml',
      'ConfigMap apps/manifests key b.yaml',
      'ConfigMap apps/manifests key b.yaml',
    ]);
    expect(requested.at(-1)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'manifests' });
    expect(source.description).toBe('Sync apps/web source (1 inline, ConfigMap apps/manifests)');
  });

  it('reads only `key` when given', async () => {
    const source = new CustomResourceSource(client, 'apps', 'Sync apps/web', { configMapRefs: [{ name: 'manifests', key: 'a.yaml' }] });
    expect((await source.load()).map((m) => m.object.metadata.name)).toEqual(['from-a']);
  });

  it('fails retryably naming the field when a ConfigMap or key is missing', async () => {
    const missing = await new CustomResourceSource(client, 'apps', 'Sync apps/web', { configMapRefs: [{ name: 'manifests' }, { name: 'nope' }] }).load().catch((e: unknown) => e);
    expect(isSyncError(missing) && { code: missing.code, retryable: missing.retryable, message: missing.message }).toEqual({
      code: 'NOT_FOUND',
      retryable: true,
      message: 'Sync apps/web: ConfigMap apps/nope (spec.source.configMapRefs[1]) not found',
    });
    const noKey = await new CustomResourceSource(client, 'apps', 'Sync apps/web', { configMapRefs: [{ name: 'manifests', key: 'c.yaml' }] }).load().catch((e: unknown) => e);
    expect(isSyncError(noKey) && noKey.message).toBe('Sync apps/web: ConfigMap apps/manifests has no key "c.yaml" (spec.source.configMapRefs[0].key)');
  });

  it('reports unreadable YAML with its ConfigMap and key', async () => {
    const err = await new CustomResourceSource(client, 'apps', 'Sync apps/web', { configMapRefs: [{ name: 'broken' }] }).load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toContain('ConfigMap apps/broken key bad');
  });

  it('rejects with the signal reason when aborted', async () => {
    const reason = new Error('stop');
    await expect(new CustomResourceSource(client, 'apps', 'x', { inline }).load({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});

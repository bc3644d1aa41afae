import { describe, expect, it } from 'vitest';
import { canonicalJson, computeRevision, digestObject, prepareDesiredSet, Source, type Manifest } from '../../../src/index.js';

const objects = (): Record<string, unknown>[] => [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'web', labels: { x: '1', y: '2' } }, data: { k: 'v' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'web' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } },
];

const revisionOf = async (objs: readonly unknown[]): Promise<string> => (await prepareDesiredSet(await Source.objects(objs).load())).revision;

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it('follows JSON.stringify for undefined, functions, non-finite numbers, toJSON and escapes', () => {
    expect(canonicalJson({ u: undefined, f: () => 1, n: NaN, d: new Date(0), s: 'a"\n' })).toBe('{"d":"1970-01-01T00:00:00.000Z","n":null,"s":"a\\"\\n"}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('equals JSON.stringify of the same data with sorted keys', () => {
    const value = objects();
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('throws TypeError on cycles', () => {
    const a: Record<string, unknown> = {};
    a['a'] = a;
    expect(() => canonicalJson(a)).toThrow(TypeError);
  });
});

describe('digestObject', () => {
  it('is a sha256 of the canonical JSON, independent of key order, changed by any value', () => {
    const [, cmap] = objects();
    expect(digestObject(cmap)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digestObject(reverseKeys(cmap))).toBe(digestObject(cmap));
    expect(digestObject({ ...cmap, data: { k: 'w' } })).not.toBe(digestObject(cmap));
  });
});

describe('revision of a desired set', () => {
  it('is stable under reordering of objects and of keys', async () => {
    const base = await revisionOf(objects());
    expect(await revisionOf([...objects()].reverse())).toBe(base);
    expect(await revisionOf(objects().map(reverseKeys))).toBe(base);
    expect(computeRevision(objects().reverse())).toBe(computeRevision(objects()));
  });

  it('is stable between YAML and in-memory forms of the same objects', async () => {
    const yaml = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n';
    const fromYaml = await prepareDesiredSet(await Source.yaml(yaml).load());
    expect(fromYaml.revision).toBe(await revisionOf([objects()[0]]));
  });

  it('ignores server-set metadata and a namespace dropped from a cluster-scoped object', async () => {
    const noisy = objects();
    (noisy[0]!['metadata'] as Record<string, unknown>)['resourceVersion'] = '42';
    (noisy[0]!['metadata'] as Record<string, unknown>)['namespace'] = 'default';
    expect(await revisionOf(noisy)).toBe(await revisionOf(objects()));
  });

  it('changes with any value change, added or removed object', async () => {
    const base = await revisionOf(objects());
    const changed = objects();
    ((changed[2]!['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!).image = 'j';
    expect(await revisionOf(changed)).not.toBe(base);
    const relabelled = objects();
    (relabelled[1]!['metadata'] as { labels: Record<string, string> }).labels['y'] = '3';
    expect(await revisionOf(relabelled)).not.toBe(base);
    expect(await revisionOf(objects().slice(1))).not.toBe(base);
    expect(await revisionOf([...objects(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } }])).not.toBe(base);
  });

  it('changes with targetNamespace', async () => {
    const manifests: Manifest[] = await Source.objects(objects()).load();
    const a = await prepareDesiredSet(manifests, { targetNamespace: 'web' });
    const b = await prepareDesiredSet(manifests, { targetNamespace: 'other' });
    expect(a.revision).toBe(await revisionOf(objects()));
    expect(b.revision).not.toBe(a.revision);
  });
});

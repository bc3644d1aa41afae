import { describe, expect, it } from 'vitest';
import { Source } from '../../../src/index.js';
import { expectValidationError } from './expect-validation-error.js';

describe('Source.objects', () => {
  it('returns deep copies with the array index as document, flattening Lists and skipping null', async () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', labels: { x: 'y' } } };
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } }] };
    const source = Source.objects([ns, null, list], 'boot');
    const manifests = await source.load();
    expect(manifests.map((m) => [m.object.metadata.name, m.origin])).toEqual([
      ['a', { origin: 'boot', document: 0 }],
      ['b', { origin: 'boot', document: 2, item: 0 }],
    ]);
    manifests[0]!.object.metadata.labels!['x'] = 'changed';
    expect(ns.metadata.labels.x).toBe('y');
    expect(source.description).toBe('objects boot (3)');
  });

  it('drops undefined properties, uses toJSON, keeps a __proto__ key as data', async () => {
    const obj = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"__proto__":"x"}}') as Record<string, unknown>;
    obj['extra'] = undefined;
    obj['when'] = new Date(0);
    const [m] = await Source.objects([obj]).load();
    expect(Object.keys(m!.object)).not.toContain('extra');
    expect(m!.object['when']).toBe('1970-01-01T00:00:00.000Z');
    expect(Object.getPrototypeOf(m!.object['data'])).toBe(Object.prototype);
    expect(Object.keys(m!.object['data'] as object)).toEqual(['__proto__']);
  });

  it('lists every value that is not plain JSON with its field', async () => {
    const cyclic: Record<string, unknown> = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    cyclic['self'] = cyclic;
    const err = await expectValidationError(
      Source.objects([{ a: () => 1 }, 'text', { b: [undefined] }, cyclic, { n: 10n }, { m: new Map() }], 'mem').load(),
    );
    expect(err.code).toBe('INVALID_MANIFEST');
    expect(err.issues.map((i) => i.message)).toEqual([
      'mem, document 0: a must be a JSON value, got a function',
      'mem, document 1: the document is a string, expected a mapping (a Kubernetes object)',
      'mem, document 2: b[0] must be a JSON value, got nothing (undefined)',
      'mem, document 3: self refers to itself (circular reference)',
      'mem, document 4: n must be a JSON value, got a bigint',
      'mem, document 5: m must be a JSON value, got a Map',
    ]);
    expect(err.message).toMatch(/^6 problems in the desired set:/);
  });

  it('validates its arguments', () => {
    expect(() => Source.objects('x' as unknown as unknown[])).toThrow(/must be an array/);
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/core/object-ref.js';
import { isSyncError } from '../../../src/core/sync-error.js';
import { canonicalJson, Source } from '../../../src/manifests/index.js';
import { chunkPayload, MAX_CHUNK_BYTES, MAX_OBJECT_BYTES, type PayloadChunk } from '../../../src/syncs/proxy/chunk-payload.js';
import { planPayload } from '../../../src/syncs/proxy/plan-payload.js';

const cm = (name: string, filler: number, extra: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'apps' },
  data: { filler: 'x'.repeat(filler), ...extra },
});

/** 400 objects of 1-12 KiB, deterministic. */
function fleetOfObjects(count = 400): KubeObject[] {
  return Array.from({ length: count }, (_, i) => cm(`obj-${String(i).padStart(4, '0')}`, 1024 + ((i * 7919) % 11) * 1024));
}

async function parse(chunks: readonly PayloadChunk[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const c of chunks) for (const m of await Source.yaml(c.text, c.name).load()) out.push(m.object);
  return out;
}

const sorted = (objects: readonly unknown[]): string[] => objects.map((o) => canonicalJson(o)).sort();

describe('chunkPayload', () => {
  it('keeps every chunk under maxBytes, measured in UTF-8 bytes of the text', () => {
    const objects = fleetOfObjects();
    const chunks = chunkPayload(objects, { prefix: 'apps', maxBytes: 64 * 1024 });
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) {
      expect(c.bytes).toBe(Buffer.byteLength(c.text));
      expect(c.bytes).toBeLessThanOrEqual(64 * 1024);
    }
    // Multi-byte characters count as bytes, not characters.
    const wide = Array.from({ length: 40 }, (_, i) => cm(`wide-${i}`, 0, { text: 'é'.repeat(1000) }));
    for (const c of chunkPayload(wide, { prefix: 'w', maxBytes: 8 * 1024 })) expect(Buffer.byteLength(c.text)).toBeLessThanOrEqual(8 * 1024);
  });

  it('puts every object in exactly one chunk, whole, and the chunks parse back to the same objects', async () => {
    const objects = fleetOfObjects(150);
    const chunks = chunkPayload(objects, { prefix: 'apps', maxBytes: 32 * 1024 });
    expect(chunks.reduce((n, c) => n + c.objects, 0)).toBe(150);
    expect(sorted(await parse(chunks))).toEqual(sorted(objects));
  });

  it('round-trips strings YAML readers treat specially (line separators, quotes, unicode, numbers)', async () => {
    const odd: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'odd', namespace: 'apps', annotations: { 'a/b': 'yes' } },
      data: { ls: 'a\u2028b\u2029c', quote: '"\'\\', tab: '\t\n', emoji: '🚀', yesno: 'no', num: '010', empty: '' },
    };
    const big: KubeObject = { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'n', namespace: 'apps' }, spec: { f: 1e21, g: -0.5, n: null, t: true } };
    const chunks = chunkPayload([odd, big], { prefix: 'apps' });
    expect(sorted(await parse(chunks))).toEqual(sorted([odd, big]));
  });

  it('does not depend on the input order', () => {
    const objects = fleetOfObjects(200);
    const reversed = [...objects].reverse();
    const a = chunkPayload(objects, { prefix: 'apps', maxBytes: 48 * 1024 });
    const b = chunkPayload(reversed, { prefix: 'apps', maxBytes: 48 * 1024 });
    expect(b.map((c) => c.name)).toEqual(a.map((c) => c.name));
  });

  it('names chunks by content: <prefix>-payload-<10 hex>, stable across runs', () => {
    const chunks = chunkPayload(fleetOfObjects(50), { prefix: 'my-app', maxBytes: 32 * 1024 });
    for (const c of chunks) expect(c.name).toMatch(/^my-app-payload-[0-9a-f]{10}$/);
    expect(new Set(chunks.map((c) => c.name)).size).toBe(chunks.length);
    expect(chunkPayload(fleetOfObjects(50), { prefix: 'my-app', maxBytes: 32 * 1024 })).toEqual(chunks);
  });

  it('changing, adding or removing one object renames the chunk holding it (rarely also a neighbour)', () => {
    const objects = fleetOfObjects();
    const options = { prefix: 'apps', maxBytes: 96 * 1024 };
    const before = new Set(chunkPayload(objects, options).map((c) => c.name));
    expect(before.size).toBeGreaterThan(8);
    const renamed = (after: PayloadChunk[]): number => after.filter((c) => !before.has(c.name)).length;

    // Edits that shrink or grow one object: one chunk renamed, two when the new size moves a
    // split that maxBytes forced (rare with the default target of a quarter of maxBytes).
    const counts: number[] = [];
    for (let at = 3; at < objects.length; at += 10) {
      const name = objects[at]!.metadata.name;
      counts.push(renamed(chunkPayload(objects.map((o, i) => (i === at ? cm(name, 1024, { changed: 'yes' }) : o)), options)));
      counts.push(renamed(chunkPayload(objects.map((o, i) => (i === at ? cm(name, 14_000) : o)), options)));
    }
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
    expect(counts.filter((n) => n === 1).length / counts.length).toBeGreaterThanOrEqual(0.9);

    const added = [...objects, cm('obj-0123-b', 2048)];
    expect(renamed(chunkPayload(added, options))).toBeLessThanOrEqual(2);

    const removed = objects.filter((_, i) => i !== 200);
    expect(renamed(chunkPayload(removed, options))).toBeLessThanOrEqual(2);
  });

  it('gives an object larger than maxBytes a chunk of its own, and refuses one larger than a ConfigMap holds', () => {
    const chunks = chunkPayload([cm('a', 100), cm('huge', 900_000), cm('z', 100)], { prefix: 'apps' });
    const huge = chunks.find((c) => c.text.includes('"huge"'))!;
    expect(huge.objects).toBe(1);
    expect(huge.bytes).toBeGreaterThan(MAX_CHUNK_BYTES);
    expect(huge.bytes).toBeLessThanOrEqual(MAX_OBJECT_BYTES);

    let caught: unknown;
    try {
      chunkPayload([cm('ok', 10), cm('too-big', MAX_OBJECT_BYTES)], { prefix: 'apps' });
    } catch (err) {
      caught = err;
    }
    expect(isSyncError(caught) && caught.code).toBe('PAYLOAD_TOO_LARGE');
    expect((caught as Error).message).toMatch(/^ConfigMap apps\/too-big takes \d+ bytes serialized, more than a payload ConfigMap holds/);
  });

  it('refuses nonsensical sizes', () => {
    expect(() => chunkPayload([], { prefix: 'p', maxBytes: 0 })).toThrow(/maxBytes/);
    expect(() => chunkPayload([], { prefix: 'p', maxBytes: 2 * MAX_OBJECT_BYTES })).toThrow(/maxBytes/);
    expect(() => chunkPayload([], { prefix: 'p', maxBytes: 100, targetBytes: 200 })).toThrow(/targetBytes/);
  });
});

describe('planPayload', () => {
  it('goes inline under the limit and into chunks at or over it', () => {
    const objects = [cm('a', 10), cm('b', 10)];
    const bytes = Buffer.byteLength(canonicalJson(objects));
    const inline = planPayload(objects, { prefix: 'apps', inlineLimitBytes: bytes + 1 });
    expect(inline).toEqual({ inline: objects, chunks: [], bytes });
    const chunked = planPayload(objects, { prefix: 'apps', inlineLimitBytes: bytes });
    expect(chunked.inline).toEqual([]);
    expect(chunked.chunks).toHaveLength(1);
    expect(chunked.chunks[0]!.objects).toBe(2);
  });

  it('keeps Secrets inline, out of ConfigMaps, when the rest goes into chunks', () => {
    const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'apps' }, data: { key: 'c2VjcmV0' } };
    const plan = planPayload([cm('a', 5000), secret, cm('b', 5000)], { prefix: 'apps', inlineLimitBytes: 1024 });
    expect(plan.inline).toEqual([secret]);
    expect(plan.chunks.reduce((n, c) => n + c.objects, 0)).toBe(2);
    for (const c of plan.chunks) expect(c.text).not.toContain('c2VjcmV0');
    // Only Secrets: no chunk at all.
    expect(planPayload([secret], { prefix: 'apps', inlineLimitBytes: 10 })).toMatchObject({ inline: [secret], chunks: [] });
  });

  it('splits a 3 MiB set into chunks of at most 768 KiB', () => {
    const objects = Array.from({ length: 320 }, (_, i) => cm(`big-${i}`, 10_000));
    const plan = planPayload(objects, { prefix: 'big', inlineLimitBytes: 256 * 1024 });
    expect(plan.bytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(plan.inline).toEqual([]);
    expect(plan.chunks.length).toBeGreaterThanOrEqual(5);
    for (const c of plan.chunks) expect(c.bytes).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
  });

  it('makes an empty set one empty chunk (a Sync source may not be empty), which reads as no objects', async () => {
    const plan = planPayload([], { prefix: 'apps', inlineLimitBytes: 256 * 1024 });
    expect(plan.inline).toEqual([]);
    expect(plan.chunks).toHaveLength(1);
    expect(plan.chunks[0]).toMatchObject({ text: '', bytes: 0, objects: 0 });
    expect(plan.chunks[0]!.name).toMatch(/^apps-payload-[0-9a-f]{10}$/);
    expect(await parse(plan.chunks)).toEqual([]);
  });
});

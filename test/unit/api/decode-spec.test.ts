import { describe, expect, it } from 'vitest';
import { decodeSpec } from '../../../src/api/decode-spec.js';
import { SyncSpecCodec } from '../../../src/api/sync-spec.js';
import { RemoteSyncSpecCodec } from '../../../src/api/remote-sync-spec.js';
import { ProxySyncSpecCodec } from '../../../src/api/proxy-sync-spec.js';
import { OptionsError } from '../../../src/core/sync-error.js';
import { SPEC_CASES } from './spec-cases.js';

const objectOf = (spec: unknown) => (spec === undefined ? { metadata: { name: 'x' } } : { metadata: { name: 'x' }, spec });

describe('decodeSpec: the shared table', () => {
  const valid = SPEC_CASES.filter((c) => c.path === undefined);
  const invalid = SPEC_CASES.filter((c) => c.path !== undefined);

  it('has enough cases of both sorts', () => {
    expect(valid.length).toBeGreaterThanOrEqual(10);
    expect(invalid.length).toBeGreaterThanOrEqual(20);
    expect(new Set(SPEC_CASES.map((c) => c.title)).size).toBe(SPEC_CASES.length);
  });

  it.each(valid.map((c) => [c.title, c] as const))('accepts: %s', (_title, c) => {
    const r = decodeSpec(c.kind, objectOf(c.spec));
    expect(r.ok ? 'ok' : `${r.path}: ${r.message}`).toBe('ok');
  });

  it.each(invalid.map((c) => [c.title, c] as const))('refuses: %s', (_title, c) => {
    const r = decodeSpec(c.kind, objectOf(c.spec));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.path).toBe(c.path);
    expect(r.message).toContain(c.message);
    expect(r.issues[0]).toEqual({ path: r.path, message: r.message });
  });
});

describe('decodeSpec: decoded values', () => {
  it('applies the defaults and converts durations to milliseconds', () => {
    const r = decodeSpec('Sync', { spec: { source: { configMapRefs: [{ name: 'app' }] } } });
    expect(r).toEqual({
      ok: true,
      unknownFields: [],
      spec: {
        source: { configMapRefs: [{ name: 'app' }] },
        interval: 600_000,
        retryInterval: 600_000,
        timeout: 300_000,
        prune: true,
        wait: true,
        force: false,
        suspend: false,
        dependsOn: [],
        deletionPolicy: 'Delete',
      },
    });
  });

  it('defaults retryInterval to interval, and keeps an explicit one', () => {
    const a = decodeSpec('Sync', { spec: { source: { configMapRefs: [{ name: 'a' }] }, interval: '1m' } });
    const b = decodeSpec('Sync', { spec: { source: { configMapRefs: [{ name: 'a' }] }, interval: '1m', retryInterval: '5s' } });
    expect(a.ok && a.spec.retryInterval).toBe(60_000);
    expect(b.ok && b.spec.retryInterval).toBe(5_000);
  });

  it('keeps inline objects exactly as written, unknown fields included', () => {
    const obj = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', finalizers: ['x'] }, spec: { size: 3, nested: { deep: [1, null] } } };
    const r = decodeSpec('Sync', { spec: { source: { inline: [obj] } } });
    expect(r.ok && r.spec.source.inline).toEqual([obj]);
    expect(r.ok && r.unknownFields).toEqual([]);
  });

  it('drops unknown fields the way the API server prunes them, and names them', () => {
    const r = decodeSpec('ProxySync', {
      spec: {
        kubeConfig: { secretRef: { name: 's', namespace: 'other' } },
        template: { spec: { source: { configMapRefs: [{ name: 'a', optional: true }] }, intervall: '1m' } },
        extra: { a: 1 },
      },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.unknownFields].sort()).toEqual(
      ['spec.extra', 'spec.kubeConfig.secretRef.namespace', 'spec.template.spec.intervall', 'spec.template.spec.source.configMapRefs[0].optional'].sort(),
    );
    expect(r.spec.kubeConfig.secretRef).toEqual({ name: 's' });
    expect(r.spec.template.spec.source.configMapRefs).toEqual([{ name: 'a' }]);
    expect('extra' in r.spec).toBe(false);
  });

  it('treats null as absent: defaults fill it, required fields report it missing', () => {
    const r = decodeSpec('Sync', { spec: { source: { configMapRefs: [{ name: 'a' }] }, prune: null, interval: null } });
    expect(r.ok && [r.spec.prune, r.spec.interval]).toEqual([true, 600_000]);
    const missing = decodeSpec('Sync', { spec: { source: null } });
    expect(missing.ok ? '' : `${missing.path}: ${missing.message}`).toBe('spec.source: required field is missing');
  });

  it('reports every issue, in field order', () => {
    const r = decodeSpec('Sync', { spec: { source: {}, interval: 'x', dependsOn: [{ kind: 'X', name: 'Y' }] } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(['spec.source', 'spec.interval', 'spec.dependsOn[0].kind', 'spec.dependsOn[0].name']);
  });

  it('never echoes long values or object contents in messages', () => {
    const secretish = 'c2VjcmV0'.repeat(20);
    const r = decodeSpec('Sync', { spec: { source: { configMapRefs: [{ name: secretish }] } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).not.toContain(secretish);
    expect(r.message).toContain('160 characters');
    const o = decodeSpec('Sync', { spec: { source: { inline: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: { data: 'hunter2' } } }] } } });
    expect(o.ok ? '' : o.message).not.toContain('hunter2');
  });

  it('refuses a spec on objects that are not objects', () => {
    for (const obj of [null, 'spec', 42, undefined]) {
      const r = decodeSpec('RemoteSync', obj);
      expect(r.ok ? '' : r.path).toBe('spec');
    }
  });

  it('throws OptionsError for an unknown kind (a programming error)', () => {
    expect(() => decodeSpec('Kustomization' as 'Sync', { spec: {} })).toThrow(OptionsError);
  });
});

describe('spec codecs: encode', () => {
  const cases = SPEC_CASES.filter((c) => c.path === undefined);
  const codecs = { Sync: SyncSpecCodec, RemoteSync: RemoteSyncSpecCodec, ProxySync: ProxySyncSpecCodec } as const;

  it.each(cases.map((c) => [c.title, c] as const))('round-trips: %s', (_title, c) => {
    const codec = codecs[c.kind] as typeof SyncSpecCodec;
    const first = codec.decode(c.spec);
    expect(first._tag).toBe('Right');
    if (first._tag !== 'Right') return;
    const json = codec.encode(first.right);
    const second = codec.decode(JSON.parse(JSON.stringify(json)));
    expect(second).toEqual(first);
    expect(codec.is(first.right)).toBe(true);
  });

  it('writes durations back as duration strings and leaves out a retryInterval equal to interval', () => {
    const r = SyncSpecCodec.decode({ source: { configMapRefs: [{ name: 'a' }] }, interval: '90m', timeout: '1.5s' });
    expect(r._tag).toBe('Right');
    if (r._tag !== 'Right') return;
    const json = SyncSpecCodec.encode(r.right);
    expect(json).toMatchObject({ interval: '1h30m', timeout: '1s500ms' });
    expect('retryInterval' in json).toBe(false);
  });
});

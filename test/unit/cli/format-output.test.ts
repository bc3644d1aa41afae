import { describe, expect, it } from 'vitest';
import { formatAge } from '../../../src/cli/format-age.js';
import { formatElapsed, formatResultText } from '../../../src/cli/format-result-text.js';
import { formatTable } from '../../../src/cli/format-table.js';
import { errorToJson, resultToJson } from '../../../src/cli/result-json.js';
import { ReadinessError, SyncError, ValidationError, type SyncResult } from '../../../src/index.js';

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'web', name });

const planned: SyncResult = {
  name: 'app',
  ready: false,
  state: 'planned',
  changes: [
    { ref: { apiVersion: 'v1', kind: 'Namespace', name: 'web' }, action: 'unchanged' },
    { ref: cm('new'), action: 'created' },
    { ref: cm('settings'), action: 'configured', fields: ['data.color', 'metadata.labels.tier'] },
    { ref: cm('old'), action: 'pruned' },
    { ref: cm('kept'), action: 'skipped', reason: 'prune disabled by annotation' },
  ],
  revision: 'sha256:0123456789abcdef0123',
  message: 'plan: 1 created, 1 configured, 1 unchanged, 1 pruned, 1 skipped',
  durationMs: 1234,
};

describe('formatTable', () => {
  it('aligns columns kubectl-style with upper-case headers and no trailing spaces', () => {
    expect(formatTable(['name', 'ready', 'message'], [['a', 'True', ''], ['longer-name', 'False', 'not ready:\nwaiting']])).toBe(
      ['NAME          READY   MESSAGE', 'a             True', 'longer-name   False   not ready: waiting', ''].join('\n'),
    );
  });
});

describe('formatAge', () => {
  it.each([
    [-5000, '<invalid>'],
    [-500, '0s'],
    [0, '0s'],
    [45_000, '45s'],
    [119_000, '119s'],
    [200_000, '3m20s'],
    [300_000, '5m'],
    [15 * 60_000, '15m'],
    [(5 * 60 + 30) * 60_000, '5h30m'],
    [20 * 3_600_000, '20h'],
    [(3 * 24 + 4) * 3_600_000, '3d4h'],
    [30 * 86_400_000, '30d'],
    [(2 * 365 + 100) * 86_400_000, '2y100d'],
    [10 * 365 * 86_400_000, '10y'],
  ])('renders %i ms as %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('formatElapsed', () => {
  it.each([
    [850, '850ms'],
    [1_340, '1.3s'],
    [125_000, '2m05s'],
  ])('renders %i ms as %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe('formatResultText', () => {
  it('diff style: markers, field paths under configured objects, unchanged only counted', () => {
    expect(formatResultText(planned, 'diff')).toBe(
      [
        '+ ConfigMap web/new (created)',
        '~ ConfigMap web/settings (configured)',
        '    data.color',
        '    metadata.labels.tier',
        '- ConfigMap web/old (pruned)',
        '! ConfigMap web/kept (skipped: prune disabled by annotation)',
        'app: planned in 1.2s: plan: 1 created, 1 configured, 1 unchanged, 1 pruned, 1 skipped (revision 0123456789ab)',
        '',
      ].join('\n'),
    );
  });

  it('list style: action and object per line, then not-ready objects and dag nodes', () => {
    const failed: SyncResult = {
      ...planned,
      state: 'timeout',
      changes: [{ ref: cm('new'), action: 'created' }],
      message: 'applied (1 created) but not ready in time\nsecond line',
      notReady: [{ ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' }, reason: 'Available: 0/1' }],
      children: [{ ...planned, name: 'crds', state: 'ready', message: 'applied and ready: 1 created' }],
      durationMs: 300,
    };
    expect(formatResultText(failed, 'list')).toBe(
      [
        'created    ConfigMap web/new',
        'app: timeout in 300ms: applied (1 created) but not ready in time (revision 0123456789ab)',
        '  crds: ready: applied and ready: 1 created',
        '  not ready: Deployment web/api: Available: 0/1',
        '',
      ].join('\n'),
    );
  });
});

describe('resultToJson', () => {
  it('gives plain data that survives JSON, errors through SyncError.toJSON() without stack or cause', () => {
    const error = new ReadinessError('TIMEOUT', 'Deployment web/api not ready', { retryable: true, ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' }, cause: new Error('inner secret-ish detail') });
    const json = JSON.parse(JSON.stringify(resultToJson({ ...planned, state: 'timeout', error, children: [{ ...planned, name: 'child' }] }))) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'app', state: 'timeout', ready: false, revision: 'sha256:0123456789abcdef0123', durationMs: 1234 });
    expect(json['error']).toEqual({ name: 'ReadinessError', code: 'TIMEOUT', message: 'Deployment web/api not ready', retryable: true, ref: 'Deployment web/api' });
    expect(JSON.stringify(json)).not.toMatch(/stack|inner secret-ish/);
    expect((json['changes'] as unknown[])[2]).toEqual({ ref: cm('settings'), action: 'configured', fields: ['data.color', 'metadata.labels.tier'] });
    expect((json['children'] as { name: string }[])[0]?.name).toBe('child');
  });

  it('adds every issue of a ValidationError, with file and document', () => {
    const err = new ValidationError('INVALID_MANIFEST', '2 problems', {
      issues: [
        { code: 'INVALID_MANIFEST', message: 'a.yaml, document 0: malformed YAML', source: { origin: 'a.yaml', document: 0 } },
        { code: 'MISSING_NAMESPACE', message: 'b.yaml, document 1: no namespace', source: { origin: 'b.yaml', document: 1, field: 'metadata.namespace' }, ref: cm('x') },
      ],
    });
    expect(errorToJson(err).issues).toEqual([
      { code: 'INVALID_MANIFEST', message: 'a.yaml, document 0: malformed YAML', source: { origin: 'a.yaml', document: 0 } },
      { code: 'MISSING_NAMESPACE', message: 'b.yaml, document 1: no namespace', source: { origin: 'b.yaml', document: 1, field: 'metadata.namespace' }, ref: cm('x') },
    ]);
  });

  it('reports errors that are not SyncErrors as INTERNAL', () => {
    expect(errorToJson(new TypeError('x is undefined'))).toEqual({ name: 'TypeError', code: 'INTERNAL', message: 'x is undefined', retryable: false });
    expect(errorToJson(new SyncError('CONFLICT', 'owned by kubectl')).code).toBe('CONFLICT');
  });
});

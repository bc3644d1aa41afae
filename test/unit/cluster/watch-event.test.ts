import { describe, expect, it } from 'vitest';
import { parseWatchLine } from '../../../src/cluster/watch-event-codec.js';
import { isSyncError } from '../../../src/core/sync-error.js';

function errorOf(fn: () => unknown): { code: string; retryable: boolean; message: string } {
  try {
    fn();
  } catch (err) {
    if (isSyncError(err)) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('parseWatchLine', () => {
  it('returns events and fills apiVersion/kind when absent', () => {
    const ev = parseWatchLine('{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"},"data":{"k":"v"}}}', 'v1', 'ConfigMap');
    expect(ev).toEqual({ type: 'ADDED', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '5' }, data: { k: 'v' } } });
  });

  it('skips bookmarks', () => {
    expect(parseWatchLine('{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"12"}}}', 'v1', 'ConfigMap')).toBeUndefined();
  });

  it('throws GONE for an ERROR event with status 410', () => {
    const line = '{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (2000)","reason":"Expired","code":410}}';
    const err = errorOf(() => parseWatchLine(line, 'v1', 'ConfigMap'));
    expect(err.code).toBe('GONE');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('too old resource version');
  });

  it('throws a retryable API_ERROR for other ERROR events and malformed lines, without quoting them', () => {
    const internal = '{"type":"ERROR","object":{"kind":"Status","message":"internal error","code":500}}';
    expect(errorOf(() => parseWatchLine(internal, 'v1', 'ConfigMap')).code).toBe('API_ERROR');
    const garbage = errorOf(() => parseWatchLine('{"type":"ADDED","object":{"data":{"password":"hunter2"}', 'v1', 'Secret'));
    expect(garbage.code).toBe('API_ERROR');
    expect(garbage.message).not.toContain('hunter2');
    expect(errorOf(() => parseWatchLine('{"type":"RENAMED","object":{}}', 'v1', 'Secret')).message).toContain('type');
    expect(errorOf(() => parseWatchLine('{"type":"ADDED","object":{"metadata":{}}}', 'v1', 'Secret')).message).toContain('object: metadata.name: missing');
  });
});

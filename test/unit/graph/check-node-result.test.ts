import { describe, it, expect } from 'vitest';
import { checkNodeResult } from '../../../src/graph/check-node-result.js';
import { SyncError } from '../../../src/core/sync-error.js';
import type { Syncer } from '../../../src/core/syncer.js';
import type { SyncResult } from '../../../src/core/sync-result.js';

const node: Syncer = { name: 'n', dependsOn: [], sync: async () => { throw new Error('unused'); } };
const valid: SyncResult = { name: 'n', ready: true, state: 'ready', changes: [], revision: 'r', message: 'ok', durationMs: 3 };

describe('checkNodeResult', () => {
  it('returns a valid result as is', () => {
    expect(checkNodeResult(node, valid)).toBe(valid);
  });

  it('says what is wrong without echoing values', () => {
    expect(checkNodeResult(node, undefined)).toBe('(root): missing (expected a mapping)');
    expect(checkNodeResult(node, { ...valid, state: 'done' })).toBe('state: expected "ready" | "failed" | "blocked" | "timeout" | "planned"');
    expect(checkNodeResult(node, { ...valid, changes: [{ ref: { kind: 'Secret', name: 'x' }, action: 'created' }] })).toBe(
      'changes[0].ref.apiVersion: missing (expected string)',
    );
  });

  it('makes ready follow state and wraps a non-SyncError error', () => {
    const cause = new Error('plain');
    const checked = checkNodeResult(node, { ...valid, state: 'failed', ready: true, error: cause, durationMs: undefined });
    expect(typeof checked).toBe('object');
    const result = checked as SyncResult;
    expect(result.ready).toBe(false);
    expect(result.durationMs).toBe(0);
    expect(result.error).toBeInstanceOf(SyncError);
    expect(result.error?.code).toBe('INVALID_RESULT');
    expect(result.error?.cause).toBe(cause);
  });
});

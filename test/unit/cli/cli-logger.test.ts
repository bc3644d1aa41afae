import { describe, expect, it } from 'vitest';
import { createCliLogger } from '../../../src/cli/cli-logger.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('createCliLogger', () => {
  it('prints text lines at or above the level, fields as key=value', () => {
    const lines: string[] = [];
    const logger = createCliLogger({ write: (l) => lines.push(l), level: 'info', now: () => NOW });
    logger.debug('hidden');
    logger.info('reconciled', { key: 'Sync/default/web', changes: 3, kinds: ['Sync'], note: 'two words' });
    logger.warn('failed', { error: new Error('boom') });
    expect(lines).toEqual(['info: reconciled key=Sync/default/web changes=3 kinds=["Sync"] note="two words"', 'warn: failed error=boom']);
  });

  it('defaults to warn, adds timestamps when asked', () => {
    const lines: string[] = [];
    const logger = createCliLogger({ write: (l) => lines.push(l), timestamps: true, now: () => NOW });
    logger.info('hidden');
    logger.error('stopped');
    expect(lines).toEqual(['2025-01-01T00:00:00.000Z error: stopped']);
  });

  it('prints JSON lines that keep time, level and msg over same-named fields', () => {
    const lines: string[] = [];
    const logger = createCliLogger({ write: (l) => lines.push(l), level: 'debug', json: true, now: () => NOW });
    logger.debug('step', { msg: 'ignored', n: 1, err: new Error('x') });
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([{ time: '2025-01-01T00:00:00.000Z', level: 'debug', msg: 'step', n: 1, err: 'x' }]);
  });
});

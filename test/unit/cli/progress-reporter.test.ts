import { EventEmitter } from 'eventemitter3';
import { describe, expect, it } from 'vitest';
import { CLEAR_LINE, ProgressReporter } from '../../../src/cli/progress-reporter.js';
import type { SyncerEvents, SyncResult } from '../../../src/index.js';

const dep = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' };
const job = { apiVersion: 'batch/v1', kind: 'Job', namespace: 'web', name: 'migrate' };

function setup(isTTY: boolean, columns = 80) {
  let written = '';
  const reporter = new ProgressReporter({ stream: { write: (s: string) => (written += s) }, isTTY, columns });
  const emitter = new EventEmitter<SyncerEvents>();
  const detach = reporter.attach(emitter);
  return { reporter, emitter, detach, written: () => written };
}

function result(name: string, state: SyncResult['state'], message: string = state): SyncResult {
  return { name, ready: state === 'ready', state, changes: [], revision: '', message, durationMs: 1 };
}

function emitPass(emitter: EventEmitter<SyncerEvents>): void {
  emitter.emit('progress', { syncer: 'app', phase: 'apply', done: 1, total: 3 });
  emitter.emit('progress', { syncer: 'app', phase: 'apply', done: 2, total: 3 });
  emitter.emit('progress', { syncer: 'app', phase: 'apply', done: 3, total: 3 });
  emitter.emit('progress', { syncer: 'app', phase: 'wait', done: 1, total: 3, waitingFor: [{ ref: dep, reason: 'Available: 0/2' }, { ref: job, reason: 'not Complete' }] });
  emitter.emit('progress', { syncer: 'app', phase: 'wait', done: 1, total: 3, waitingFor: [{ ref: dep, reason: 'Available: 0/2' }, { ref: job, reason: 'not Complete' }] });
  emitter.emit('progress', { syncer: 'app', phase: 'wait', done: 2, total: 3, waitingFor: [{ ref: job, reason: 'not Complete' }] });
  emitter.emit('progress', { syncer: 'app', phase: 'wait', done: 3, total: 3, waitingFor: [] });
}

describe('ProgressReporter on a terminal', () => {
  it('redraws one line in place with \\r + clear-line, skipping identical redraws', () => {
    const { emitter, written } = setup(true);
    emitPass(emitter);
    expect(written().split(CLEAR_LINE).slice(1)).toEqual([
      'app: applying 1/3',
      'app: applying 2/3',
      'app: applying 3/3',
      'app: waiting for Deployment web/api (Available: 0/2) and 1 more, 1/3 ready',
      'app: waiting for Job web/migrate (not Complete), 2/3 ready',
      'app: 3/3 ready',
    ]);
    expect(written()).not.toContain('\n');
  });

  it('shows dag progress as a prefix and node results', () => {
    const { emitter, written } = setup(true);
    emitter.emit('progress', { syncer: 'bootstrap', phase: 'graph', done: 0, total: 2 });
    emitter.emit('progress', { syncer: 'crds', phase: 'apply', done: 1, total: 1 });
    emitter.emit('ready', result('crds', 'ready'));
    emitter.emit('progress', { syncer: 'bootstrap', phase: 'graph', done: 1, total: 2 });
    expect(written().split(CLEAR_LINE).slice(1)).toEqual(['[0/2]', '[0/2] crds: applying 1/1', '[0/2] crds: ready', '[1/2] crds: ready']);
  });

  it('cuts the line to the terminal width', () => {
    const { emitter, written } = setup(true, 30);
    emitter.emit('progress', { syncer: 'a-very-long-sync-name', phase: 'apply', done: 100, total: 1000 });
    const line = written().split(CLEAR_LINE)[1]!;
    expect(line).toHaveLength(29);
    expect(line.endsWith('…')).toBe(true);
  });

  it('prints notes and warnings above the live line, then redraws it; clear() erases it', () => {
    const { reporter, emitter, written } = setup(true);
    emitter.emit('progress', { syncer: 'app', phase: 'apply', done: 1, total: 2 });
    emitter.emit('warning', { syncer: 'app', code: 'INSECURE', message: 'insecure-skip-tls-verify is set' });
    reporter.clear();
    expect(written()).toBe(`${CLEAR_LINE}app: applying 1/2${CLEAR_LINE}warning: app: insecure-skip-tls-verify is set\napp: applying 1/2${CLEAR_LINE}`);
  });
});

describe('ProgressReporter without a terminal', () => {
  it('prints a plain line per phase and per change of the object the wait is blocked on', () => {
    const { emitter, written } = setup(false);
    emitPass(emitter);
    expect(written()).toBe(
      [
        'app: applying 3 objects',
        'app: waiting for Deployment web/api (Available: 0/2) and 1 more, 1/3 ready',
        'app: waiting for Job web/migrate (not Complete), 2/3 ready',
        '',
      ].join('\n'),
    );
    expect(written()).not.toContain('\r');
  });

  it('prints dag progress and failed nodes with their message', () => {
    const { emitter, written } = setup(false);
    emitter.emit('progress', { syncer: 'rollout', phase: 'graph', done: 0, total: 2 });
    emitter.emit('failed', result('edge-1', 'failed', 'apply failed: forbidden\nmore'));
    emitter.emit('progress', { syncer: 'rollout', phase: 'graph', done: 1, total: 2 });
    emitter.emit('failed', result('edge-2', 'blocked', 'blocked by edge-1'));
    emitter.emit('progress', { syncer: 'rollout', phase: 'graph', done: 2, total: 2 });
    emitter.emit('failed', result('rollout', 'failed'));
    expect(written()).toBe(
      ['rollout: 0/2 done', 'edge-1: failed: apply failed: forbidden', 'rollout: 1/2 done', 'edge-2: blocked: blocked by edge-1', 'rollout: 2/2 done', ''].join('\n'),
    );
  });

  it('stops following after detach', () => {
    const { emitter, detach, written } = setup(false);
    detach();
    emitPass(emitter);
    expect(written()).toBe('');
    expect(emitter.listenerCount('progress')).toBe(0);
  });
});

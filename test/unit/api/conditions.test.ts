import { describe, expect, it } from 'vitest';
import {
  CONDITION_MESSAGE_MAX,
  findCondition,
  formatConditionTime,
  isReadyAtGeneration,
  readyCondition,
  reconcilingCondition,
  removeCondition,
  setCondition,
  stalledCondition,
  type Condition,
} from '../../../src/api/status.js';
import { OptionsError } from '../../../src/core/sync-error.js';

const t0 = new Date('2025-01-01T00:00:00.123Z');
const t1 = new Date('2025-01-01T00:05:00Z');
const details = { reason: 'Progressing', message: 'applying', observedGeneration: 3 };

describe('condition constructors', () => {
  it('build kstatus conditions with the right polarity', () => {
    expect(readyCondition('False', details)).toEqual({ type: 'Ready', status: 'False', ...details });
    expect(reconcilingCondition(details)).toEqual({ type: 'Reconciling', status: 'True', ...details });
    expect(stalledCondition({ reason: 'InvalidSpec', message: 'spec.interval: bad' })).toEqual({
      type: 'Stalled',
      status: 'True',
      reason: 'InvalidSpec',
      message: 'spec.interval: bad',
    });
  });

  it.each(['', 'has space', '1Starts', 'Ends-', 'a'.repeat(1025)])('refuse the reason %j', (reason) => {
    expect(() => readyCondition('True', { reason, message: '' })).toThrow(OptionsError);
  });

  it('cut messages longer than the metav1 limit', () => {
    const c = readyCondition('False', { reason: 'Failed', message: 'x'.repeat(CONDITION_MESSAGE_MAX + 10) });
    expect([...c.message].length).toBe(CONDITION_MESSAGE_MAX);
    expect(c.message.endsWith('…')).toBe(true);
  });
});

describe('setCondition', () => {
  it('adds a condition with lastTransitionTime in whole seconds', () => {
    const out = setCondition([], readyCondition('Unknown', details), t0);
    expect(out).toEqual([{ type: 'Ready', status: 'Unknown', ...details, lastTransitionTime: '2025-01-01T00:00:00Z' }]);
  });

  it('keeps lastTransitionTime while the status is unchanged, even if reason and message change', () => {
    const a = setCondition([], readyCondition('False', details), t0);
    const b = setCondition(a, readyCondition('False', { reason: 'Failed', message: 'boom', observedGeneration: 4 }), t1);
    expect(b).toEqual([{ type: 'Ready', status: 'False', reason: 'Failed', message: 'boom', observedGeneration: 4, lastTransitionTime: formatConditionTime(t0) }]);
  });

  it('moves lastTransitionTime when the status changes', () => {
    const a = setCondition([], readyCondition('False', details), t0);
    const b = setCondition(a, readyCondition('True', details), t1);
    expect(findCondition(b, 'Ready')?.lastTransitionTime).toBe('2025-01-01T00:05:00Z');
  });

  it('does not change the input array', () => {
    const input: Condition[] = setCondition([], readyCondition('False', details), t0);
    const copy = structuredClone(input);
    setCondition(input, readyCondition('True', details), t1);
    expect(input).toEqual(copy);
  });

  it('keeps the order of the other conditions', () => {
    let c = setCondition([], reconcilingCondition(details), t0);
    c = setCondition(c, readyCondition('Unknown', details), t0);
    c = setCondition(c, { type: 'Custom', status: 'True', reason: 'Yes', message: '' }, t0);
    c = setCondition(c, reconcilingCondition({ ...details, message: 'still' }), t1);
    expect(c.map((x) => x.type)).toEqual(['Reconciling', 'Ready', 'Custom']);
  });

  it('kstatus: Ready=True removes Reconciling and Stalled', () => {
    let c = setCondition([], reconcilingCondition(details), t0);
    c = setCondition(c, stalledCondition(details), t0);
    c = setCondition(c, { type: 'Custom', status: 'True', reason: 'Yes', message: '' }, t0);
    c = setCondition(c, readyCondition('True', { reason: 'ReconciliationSucceeded', message: 'ok' }), t1);
    expect(c.map((x) => `${x.type}=${x.status}`)).toEqual(['Custom=True', 'Ready=True']);
  });

  it('kstatus: Ready=False keeps Reconciling and Stalled', () => {
    let c = setCondition([], stalledCondition(details), t0);
    c = setCondition(c, readyCondition('False', details), t0);
    expect(c.map((x) => x.type)).toEqual(['Stalled', 'Ready']);
  });

  it('kstatus: setting an abnormal-true condition to False removes it', () => {
    const c = setCondition([], reconcilingCondition(details), t0);
    expect(setCondition(c, { type: 'Reconciling', status: 'False', reason: 'Done', message: '' }, t1)).toEqual([]);
  });

  it('removeCondition removes by type', () => {
    const c = setCondition(setCondition([], stalledCondition(details), t0), readyCondition('False', details), t0);
    expect(removeCondition(c, 'Stalled').map((x) => x.type)).toEqual(['Ready']);
  });
});

describe('isReadyAtGeneration', () => {
  const ready = setCondition([], readyCondition('True', { reason: 'Succeeded', message: 'ok', observedGeneration: 2 }), t0);
  it.each([
    ['ready at the generation', { observedGeneration: 2, conditions: ready }, 2, true],
    ['observed an older generation', { observedGeneration: 1, conditions: ready }, 2, false],
    ['Ready condition of an older generation', { observedGeneration: 3, conditions: ready }, 3, false],
    ['Ready without observedGeneration on the condition', { observedGeneration: 5, conditions: setCondition([], readyCondition('True', { reason: 'Succeeded', message: '' }), t0) }, 5, true],
    ['not ready', { observedGeneration: 2, conditions: setCondition([], readyCondition('False', { reason: 'Failed', message: '' }), t0) }, 2, false],
    ['no conditions', { observedGeneration: 2, conditions: [] }, 2, false],
    ['no generation', { observedGeneration: 2, conditions: ready }, undefined, false],
  ] as const)('%s', (_title, status, generation, expected) => {
    expect(isReadyAtGeneration(status as { observedGeneration: number; conditions: Condition[] }, generation)).toBe(expected);
  });

  it('is false without a status', () => {
    expect(isReadyAtGeneration(undefined, 1)).toBe(false);
  });
});

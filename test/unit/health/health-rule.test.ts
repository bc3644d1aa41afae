import { describe, expect, it } from 'vitest';
import { evaluateHealth, healthRule, type HealthRule } from '../../../src/health/index.js';
import { OptionsError, type KubeObject } from '../../../src/core/index.js';

function widget(apiVersion: string, status: Record<string, unknown>): KubeObject {
  return { apiVersion, kind: 'Widget', metadata: { name: 'w1', namespace: 'default', generation: 1 }, spec: { size: 3 }, status };
}

const byPhase = (obj: KubeObject) => {
  const phase = (obj.status as { phase?: unknown } | undefined)?.phase;
  if (phase === 'Running') return { status: 'Current' as const, message: 'widget running' };
  if (phase === 'Error') return { status: 'Failed' as const, message: 'widget broke' };
  return undefined;
};

describe('custom health rules', () => {
  it('decide for their kind before the generic rules', () => {
    const rule = healthRule('example.com/Widget', byPhase);
    // Without the rule, a Ready=False condition keeps it InProgress; the rule says Current.
    const obj = widget('example.com/v1', { phase: 'Running', conditions: [{ type: 'Ready', status: 'False', reason: 'Legacy' }] });
    expect(evaluateHealth(obj).status).toBe('InProgress');
    expect(evaluateHealth(obj, [rule])).toEqual({ status: 'Current', message: 'widget running' });
    expect(evaluateHealth(widget('example.com/v1', { phase: 'Error' }), [rule]).status).toBe('Failed');
  });

  it('override built-in rules', () => {
    const lbWithoutController: HealthRule = {
      group: '',
      kind: 'Service',
      evaluate: () => ({ status: 'Current', message: 'no load balancer controller here' }),
    };
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'edge', namespace: 'default' },
      spec: { type: 'LoadBalancer', clusterIP: '10.96.0.20', ports: [{ port: 443 }] },
      status: { loadBalancer: {} },
    };
    expect(evaluateHealth(svc).status).toBe('InProgress');
    expect(evaluateHealth(svc, [lbWithoutController])).toEqual({ status: 'Current', message: 'no load balancer controller here' });
  });

  it('fall through to the built-ins when they return undefined', () => {
    const rule = healthRule('Widget', byPhase);
    const stalled = widget('example.com/v1', { phase: 'Starting', conditions: [{ type: 'Stalled', status: 'True', reason: 'NoCapacity', message: 'no capacity' }] });
    expect(evaluateHealth(stalled, [rule])).toEqual({ status: 'Failed', message: 'NoCapacity: no capacity' });
  });

  it('are tried in order; the first decision wins', () => {
    const first = healthRule('Widget', () => ({ status: 'InProgress', message: 'first' }));
    const second = healthRule('Widget', () => ({ status: 'Current', message: 'second' }));
    expect(evaluateHealth(widget('example.com/v1', {}), [first, second]).message).toBe('first');
  });

  it('match by kind, group (any version) or exact apiVersion', () => {
    const always = () => ({ status: 'Failed' as const, message: 'matched' });
    const v1 = widget('example.com/v1', {});
    const v2 = widget('example.com/v2', {});
    const other = widget('other.io/v1', {});
    const byGroup = healthRule({ group: 'example.com', kind: 'Widget' }, always);
    const byVersion = healthRule('example.com/v2/Widget', always);
    const byKind = healthRule('Widget', always);
    expect([v1, v2, other].map((o) => evaluateHealth(o, [byGroup]).status)).toEqual(['Failed', 'Failed', 'Current']);
    expect([v1, v2, other].map((o) => evaluateHealth(o, [byVersion]).status)).toEqual(['Current', 'Failed', 'Current']);
    expect([v1, v2, other].map((o) => evaluateHealth(o, [byKind]).status)).toEqual(['Failed', 'Failed', 'Failed']);
    expect(evaluateHealth(v1, [healthRule('Gadget', always)]).status).toBe('Current');
  });

  it('do not run for objects being deleted', () => {
    const deleting = widget('example.com/v1', { phase: 'Running' });
    deleting.metadata.deletionTimestamp = '2025-05-02T10:00:00Z';
    expect(evaluateHealth(deleting, [healthRule('Widget', byPhase)]).status).toBe('Terminating');
  });

  it('healthRule() refuses a target without a kind or with a contradicting group', () => {
    expect(() => healthRule('', byPhase)).toThrow(OptionsError);
    expect(() => healthRule('a/b/c/d', byPhase)).toThrow(OptionsError);
    expect(() => healthRule({ kind: 'Widget', group: 'other.io', apiVersion: 'example.com/v1' }, byPhase)).toThrow(/not in group/);
    expect(healthRule({ kind: 'Widget', group: 'example.com', apiVersion: 'example.com/v1' }, byPhase)).toMatchObject({ kind: 'Widget', group: 'example.com', apiVersion: 'example.com/v1' });
  });

  it('a rule returning something that is not a HealthStatus is an OptionsError', () => {
    const bad = { kind: 'Widget', evaluate: () => ({ status: 'Ready', message: 'yes' }) } as unknown as HealthRule;
    expect(() => evaluateHealth(widget('example.com/v1', {}), [bad])).toThrow(OptionsError);
  });
});

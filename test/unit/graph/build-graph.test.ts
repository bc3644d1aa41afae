import { describe, it, expect } from 'vitest';
import { buildGraph } from '../../../src/graph/build-graph.js';
import { CycleError, OptionsError } from '../../../src/core/sync-error.js';
import type { Syncer } from '../../../src/core/syncer.js';
import { Journal, testSyncer } from './test-syncers.js';

const names = (graph: ReturnType<typeof buildGraph>, list: readonly number[]): string[] => list.map((i) => graph.nodes[i]!.name);

/** A syncer whose dependsOn can be set after creation, to build cycles. */
function mutable(name: string): Syncer & { dependsOn: Syncer[] } {
  return { name, dependsOn: [], sync: async () => ({ name, ready: true, state: 'ready', changes: [], revision: '', message: '', durationMs: 0 }) };
}

function cycleOf(roots: Syncer[]): CycleError {
  try {
    buildGraph(roots);
  } catch (err) {
    if (err instanceof CycleError) return err;
    throw err;
  }
  throw new Error('no cycle reported');
}

describe('buildGraph', () => {
  const journal = new Journal();

  it('pulls dependencies outside the roots in by closure, each object once', () => {
    const crds = testSyncer(journal, 'crds');
    const ns = testSyncer(journal, 'ns');
    const app = testSyncer(journal, 'app', { dependsOn: [crds, ns] });
    const web = testSyncer(journal, 'web', { dependsOn: [crds, app] });
    const graph = buildGraph([web, app]);
    expect(graph.nodes.map((n) => n.name)).toEqual(['web', 'app', 'crds', 'ns']);
    expect(names(graph, graph.dependencies[0]!)).toEqual(['crds', 'app']);
    expect(names(graph, graph.dependents[graph.index.get(crds)!]!).sort()).toEqual(['app', 'web']);
    expect(names(graph, graph.order)).toEqual(['crds', 'ns', 'app', 'web']);
  });

  it('keeps one edge when a dependency is listed twice', () => {
    const a = testSyncer(journal, 'a');
    const b = testSyncer(journal, 'b', { dependsOn: [a, a] });
    const graph = buildGraph([b]);
    expect(graph.dependencies[0]).toEqual([1]);
    expect(graph.dependents[1]).toEqual([0]);
  });

  it('refuses a 2-node cycle with its path', () => {
    const a = mutable('a');
    const b = mutable('b');
    a.dependsOn.push(b);
    b.dependsOn.push(a);
    const err = cycleOf([a]);
    expect(err.message).toBe('dependency cycle: a -> b -> a');
    expect(err.code).toBe('DEPENDENCY_CYCLE');
    expect(err.cycle).toEqual(['a', 'b', 'a']);
  });

  it('refuses a 3-node cycle with its path', () => {
    const a = mutable('a');
    const b = mutable('b');
    const c = mutable('c');
    a.dependsOn.push(b);
    b.dependsOn.push(c);
    c.dependsOn.push(a);
    expect(cycleOf([a]).message).toBe('dependency cycle: a -> b -> c -> a');
  });

  it('refuses a self-dependency', () => {
    const a = mutable('a');
    a.dependsOn.push(a);
    expect(cycleOf([a]).message).toBe('dependency cycle: a -> a');
  });

  it('reports only the cycle, not the path leading to it', () => {
    const top = mutable('top');
    const x = mutable('x');
    const y = mutable('y');
    top.dependsOn.push(x);
    x.dependsOn.push(y);
    y.dependsOn.push(x);
    expect(cycleOf([top]).message).toBe('dependency cycle: x -> y -> x');
  });

  it('refuses two different syncers with the same name, saying where each was found', () => {
    const first = testSyncer(journal, 'app');
    const second = testSyncer(journal, 'app');
    const web = testSyncer(journal, 'web', { dependsOn: [second] });
    expect(() => buildGraph([first, web])).toThrow(OptionsError);
    expect(() => buildGraph([first, web])).toThrow(
      'two different syncers are named "app": a syncer (argument 1) and a syncer (dependsOn[0] of "web"); names must be unique within a dag',
    );
  });

  it('refuses things that are not syncers, naming where they are', () => {
    const ok = testSyncer(journal, 'ok');
    expect(() => buildGraph([ok, {} as Syncer])).toThrow('argument 2 is not a syncer: `name` must be a non-empty string');
    const bad = { name: 'bad', dependsOn: [null] } as unknown as Syncer;
    expect(() => buildGraph([bad])).toThrow('argument 1 ("bad") is not a syncer: `sync` must be a function');
    const parent = { name: 'p', dependsOn: [null], sync: ok.sync } as unknown as Syncer;
    expect(() => buildGraph([parent])).toThrow('dependsOn[0] of "p" is not a syncer');
  });

  it('handles a 50k-long chain without recursion', () => {
    let prev: Syncer | undefined;
    for (let i = 0; i < 50_000; i++) prev = testSyncer(journal, `n${i}`, { dependsOn: prev ? [prev] : [] });
    const graph = buildGraph([prev!]);
    expect(graph.nodes).toHaveLength(50_000);
    expect(graph.nodes[graph.order[0]!]!.name).toBe('n0');
    expect(graph.nodes[graph.order[49_999]!]!.name).toBe('n49999');
  });
});

import { describe, it, expect } from 'vitest';
import { findCycle } from '../../../src/controller/find-cycle.js';

const graph = (edges: Record<string, string[]>) => (node: string) => edges[node] ?? [];

describe('findCycle', () => {
  it('returns the path of a cycle through the start node', () => {
    expect(findCycle('a', graph({ a: ['b'], b: ['c'], c: ['a'] }))).toEqual(['a', 'b', 'c', 'a']);
  });

  it('finds a self-dependency', () => {
    expect(findCycle('a', graph({ a: ['a'] }))).toEqual(['a', 'a']);
  });

  it('ignores a cycle the start node only depends on', () => {
    expect(findCycle('a', graph({ a: ['b'], b: ['c'], c: ['b'] }))).toBeUndefined();
  });

  it('returns undefined for a DAG with shared dependencies', () => {
    expect(findCycle('a', graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toBeUndefined();
  });

  it('finds the cycle behind a dead-end branch', () => {
    expect(findCycle('a', graph({ a: ['x', 'b'], x: ['y'], b: ['a'] }))).toEqual(['a', 'b', 'a']);
  });
});

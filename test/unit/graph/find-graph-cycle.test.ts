import { describe, it, expect } from 'vitest';
import { findGraphCycle } from '../../../src/graph/find-graph-cycle.js';
import { topologicalOrder } from '../../../src/graph/topological-order.js';

describe('findGraphCycle', () => {
  it('returns undefined for a DAG with a diamond', () => {
    expect(findGraphCycle([[1, 2], [3], [3], []])).toBeUndefined();
  });
  it('finds a self-loop', () => {
    expect(findGraphCycle([[], [1]])).toEqual([1, 1]);
  });
  it('finds a cycle reachable only from a later node', () => {
    expect(findGraphCycle([[], [2], [3], [1]])).toEqual([1, 2, 3, 1]);
  });
  it('finds a cycle behind a finished branch', () => {
    // 0 -> 1 (dead end), 0 -> 2 -> 0
    expect(findGraphCycle([[1, 2], [], [0]])).toEqual([0, 2, 0]);
  });
});

describe('topologicalOrder', () => {
  it('puts dependencies first and keeps index order among ties', () => {
    expect(topologicalOrder([[1, 2], [3], [3], [], []])).toEqual([3, 4, 1, 2, 0]);
  });
  it('leaves out nodes on a cycle', () => {
    expect(topologicalOrder([[1], [0], []])).toEqual([2]);
  });
});

import { describe, expect, it } from 'vitest';
import { planWaves, type PlannedWave } from '../../../src/recipes/plan-waves.js';

interface Target {
  name: string;
  canary?: boolean;
}

const names = (waves: PlannedWave<Target>[]) =>
  waves.map((w) => ({ index: w.index, canary: w.canary, clusters: w.targets.map((t) => t.name) }));

describe('planWaves', () => {
  it('puts every canary in a first wave of its own, then the rest in order, maxConcurrency per wave', () => {
    const targets = [{ name: 'a' }, { name: 'b', canary: true }, { name: 'c' }, { name: 'd', canary: true }, { name: 'e' }, { name: 'f' }, { name: 'g' }];
    expect(names(planWaves<Target>(targets, 2))).toEqual([
      { index: 1, canary: true, clusters: ['b', 'd'] },
      { index: 2, canary: false, clusters: ['a', 'c'] },
      { index: 3, canary: false, clusters: ['e', 'f'] },
      { index: 4, canary: false, clusters: ['g'] },
    ]);
  });

  it('starts with the regular waves when there is no canary', () => {
    expect(names(planWaves<Target>([{ name: 'a' }, { name: 'b' }, { name: 'c' }], 1))).toEqual([
      { index: 1, canary: false, clusters: ['a'] },
      { index: 2, canary: false, clusters: ['b'] },
      { index: 3, canary: false, clusters: ['c'] },
    ]);
  });

  it('makes one wave when maxConcurrency covers every cluster, and only a canary wave when all are canaries', () => {
    expect(names(planWaves<Target>([{ name: 'a' }, { name: 'b' }], 10))).toEqual([{ index: 1, canary: false, clusters: ['a', 'b'] }]);
    expect(names(planWaves<Target>([{ name: 'a', canary: true }, { name: 'b', canary: true }], 1))).toEqual([{ index: 1, canary: true, clusters: ['a', 'b'] }]);
    expect(planWaves([], 3)).toEqual([]);
  });
});

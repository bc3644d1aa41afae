import { describe, it, expect } from 'vitest';
import { runGraph, type GraphRun } from '../../../src/graph/run-graph.js';

type Outcome = 'ok' | 'bad' | `blocked by ${number}` | `stopped by ${number}`;

/** A graph run over numbers: `outcomes[i]` is what node i ends with. */
function graphRun(deps: number[][], outcomes: Outcome[], extra: Partial<GraphRun<Outcome>> = {}): { run: GraphRun<Outcome>; log: string[] } {
  const log: string[] = [];
  const wakes: number[][] = deps.map(() => []);
  deps.forEach((list, i) => list.forEach((d) => wakes[d]!.push(i)));
  const run: GraphRun<Outcome> = {
    waitsFor: deps,
    wakes,
    concurrency: Infinity,
    failFast: false,
    run: async (i) => {
      log.push(`run ${i}`);
      return outcomes[i]!;
    },
    satisfied: (o) => o === 'ok',
    block: (_, blocker) => `blocked by ${blocker}`,
    stopped: (_, cause) => `stopped by ${cause}`,
    settle: (i, o) => log.push(`${i}: ${o}`),
    ...extra,
  };
  return { run, log };
}

describe('runGraph', () => {
  it('settles every node once, blocking transitive waiters of a bad node without running them', async () => {
    // 1 and 2 wait for 0; 3 waits for 1 and 2; 4 is independent.
    const { run, log } = graphRun([[], [0], [0], [1, 2], []], ['bad', 'ok', 'ok', 'ok', 'ok']);
    const order = await runGraph(run);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(log.filter((l) => l.startsWith('run'))).toEqual(['run 0', 'run 4']);
    expect(log).toContain('1: blocked by 0');
    expect(log).toContain('3: blocked by 1');
  });

  it('rejects (rather than hanging) when a callback throws', async () => {
    const boom = new Error('listener bug');
    const { run } = graphRun([[], [0]], ['ok', 'ok'], {
      settle: () => {
        throw boom;
      },
    });
    await expect(runGraph(run)).rejects.toBe(boom);
  });

  it('rejects with the error of a run that rejects, after nothing is in flight', async () => {
    const problem = new Error('run rejected');
    const { run } = graphRun([[], []], ['ok', 'ok'], {
      run: async (i) => {
        if (i === 0) throw problem;
        await new Promise((r) => setImmediate(r));
        return 'ok';
      },
    });
    await expect(runGraph(run)).rejects.toBe(problem);
  });

  it('resolves at once for an empty graph', async () => {
    const { run } = graphRun([], []);
    expect(await runGraph(run)).toEqual([]);
  });
});

/** What {@link runGraph} needs: the edges, the limits, and how to run, judge and block a node. */
export interface GraphRun<R> {
  /** For each node, the nodes that must finish (satisfied) before it starts. */
  readonly waitsFor: readonly (readonly number[])[];
  /** For each node, the nodes waiting for it (the reverse of `waitsFor`). */
  readonly wakes: readonly (readonly number[])[];
  /** Nodes running at once, at least 1 (`Infinity` for no limit). */
  readonly concurrency: number;
  /** After the first unsatisfied outcome, start nothing new; unstarted nodes get `stopped(...)`. */
  readonly failFast: boolean;
  /** Aborts the run: nothing new starts, and the run rejects with the reason once in-flight nodes settle. */
  readonly signal?: AbortSignal;
  /** Runs one node. Should resolve; a rejection is taken as an abort of the whole run. */
  run(node: number): Promise<R>;
  /** Whether an outcome lets the nodes waiting for it start. */
  satisfied(outcome: R): boolean;
  /** The outcome of a node that will not run because `blocker` ended unsatisfied. */
  block(node: number, blocker: number): R;
  /** The outcome of a node left unstarted by `failFast` after `cause` ended unsatisfied. */
  stopped(node: number, cause: number): R;
  /** Called once per node, in completion order, as soon as its outcome is known. */
  settle(node: number, outcome: R): void;
}

/**
 * The event-driven scheduler under `dag`: a node starts as soon as everything it waits for
 * finished satisfied (no stages, no barriers), at most `concurrency` at once, in the order
 * they became startable. An unsatisfied outcome settles every transitive waiter through
 * `block` without running it; independent nodes go on. O(V+E) bookkeeping: each node is
 * queued, started and settled at most once, and each edge is looked at once.
 *
 * Resolves with the node indices in completion order. Rejects with the signal's reason when
 * aborted (after the nodes in flight have settled, so nothing runs once it rejects), or with
 * the error of a `run` that rejected or a callback that threw.
 */
export function runGraph<R>(graph: GraphRun<R>): Promise<number[]> {
  const { waitsFor, wakes, signal } = graph;
  const n = waitsFor.length;
  const limit = Math.max(1, graph.concurrency);
  const pending = new Int32Array(n);
  const settled = new Uint8Array(n);
  const completed: number[] = [];
  const startable: number[] = [];
  let head = 0;
  let inFlight = 0;
  let firstUnsatisfied = -1;
  let failure: { error: unknown } | undefined;

  for (let i = 0; i < n; i++) {
    pending[i] = waitsFor[i]!.length;
    if (pending[i] === 0) startable.push(i);
  }

  return new Promise<number[]>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let finished = false;
    const onAbort = (): void => {
      failure ??= { error: signal!.reason };
      maybeFinish();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const settle = (node: number, outcome: R): void => {
      settled[node] = 1;
      completed.push(node);
      graph.settle(node, outcome);
    };

    // Breadth-first, so each blocked node names the blocker on its shortest chain to `from`.
    const blockWaiters = (from: number): void => {
      const queue = [from];
      for (let q = 0; q < queue.length; q++) {
        const blocker = queue[q]!;
        for (const waiter of wakes[blocker]!) {
          if (settled[waiter]) continue;
          settle(waiter, graph.block(waiter, blocker));
          queue.push(waiter);
        }
      }
    };

    const complete = (node: number, outcome: R): void => {
      inFlight--;
      try {
        settle(node, outcome);
        if (graph.satisfied(outcome)) {
          for (const waiter of wakes[node]!) {
            if (settled[waiter]) continue;
            const left = pending[waiter]! - 1;
            pending[waiter] = left;
            if (left === 0) startable.push(waiter);
          }
        } else {
          if (firstUnsatisfied < 0) firstUnsatisfied = node;
          blockWaiters(node);
        }
        pump();
      } catch (error) {
        failure ??= { error };
      }
      maybeFinish();
    };

    const fail = (error: unknown): void => {
      inFlight--;
      failure ??= { error: signal?.aborted ? signal.reason : error };
      maybeFinish();
    };

    const stopping = (): boolean => failure !== undefined || (graph.failFast && firstUnsatisfied >= 0);

    const pump = (): void => {
      while (!stopping() && inFlight < limit && head < startable.length) {
        const node = startable[head++]!;
        inFlight++;
        let running: Promise<R>;
        try {
          running = graph.run(node);
        } catch (error) {
          running = Promise.reject(error);
        }
        running.then(
          (outcome) => complete(node, outcome),
          (error: unknown) => fail(error),
        );
      }
    };

    const maybeFinish = (): void => {
      if (finished || inFlight > 0) return;
      if (failure === undefined && !stopping() && head < startable.length) return;
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      if (failure) {
        reject(failure.error);
        return;
      }
      try {
        if (firstUnsatisfied >= 0) {
          for (let i = 0; i < n; i++) if (!settled[i]) settle(i, graph.stopped(i, firstUnsatisfied));
        }
      } catch (error) {
        reject(error);
        return;
      }
      resolve(completed);
    };

    try {
      pump();
    } catch (error) {
      failure ??= { error };
    }
    maybeFinish();
  });
}

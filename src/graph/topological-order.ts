/**
 * Orders the nodes of an acyclic graph so that every node comes after the nodes it points to
 * (`dependencies[i]` = the nodes `i` depends on): dependencies first. Ties keep index order
 * (Kahn's algorithm with a FIFO queue), so the order is deterministic. O(V+E).
 * `dependents` (the reverse edges) may be passed when already at hand.
 *
 * Errors: nodes on a cycle (and their dependents) are left out, so a result shorter than the
 * graph means there is a cycle (use {@link findGraphCycle} for its path).
 *
 * @example
 * ```ts
 * import { topologicalOrder } from 'syncprims';
 * // 0 depends on 1 and 2, 1 depends on 2.
 * topologicalOrder([[1, 2], [2], []]); // [2, 1, 0]
 * ```
 */
export function topologicalOrder(
  dependencies: readonly (readonly number[])[],
  dependents: readonly (readonly number[])[] = reverseEdges(dependencies),
): number[] {
  const n = dependencies.length;
  const waiting = new Int32Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    waiting[i] = dependencies[i]!.length;
    if (waiting[i] === 0) order.push(i);
  }
  for (let head = 0; head < order.length; head++) {
    for (const next of dependents[order[head]!]!) {
      const left = waiting[next]! - 1;
      waiting[next] = left;
      if (left === 0) order.push(next);
    }
  }
  return order;
}

/** The reverse of a graph's adjacency lists: `result[j]` lists every `i` with `j` in `edges[i]`. */
export function reverseEdges(edges: readonly (readonly number[])[]): number[][] {
  const reversed: number[][] = [];
  for (let i = 0; i < edges.length; i++) reversed.push([]);
  for (let i = 0; i < edges.length; i++) for (const j of edges[i]!) reversed[j]!.push(i);
  return reversed;
}

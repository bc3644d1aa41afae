/**
 * Finds a cycle in a directed graph given as adjacency lists (`edges[i]` = the nodes `i` points
 * to), or returns `undefined` when there is none. The cycle is returned as a path of node
 * indices whose first node is repeated at the end (`[a, b, c, a]`; a self-loop is `[a, a]`).
 *
 * Iterative depth-first search from each node in index order, so it is O(V+E) and safe on
 * long chains (no recursion).
 *
 * @example
 * ```ts
 * import { findGraphCycle } from 'syncprims';
 * findGraphCycle([[1], [2], [0]]); // [0, 1, 2, 0]
 * findGraphCycle([[1], []]);       // undefined
 * ```
 */
export function findGraphCycle(edges: readonly (readonly number[])[]): number[] | undefined {
  const n = edges.length;
  // 0: not visited, 1: on the current path, 2: finished.
  const color = new Uint8Array(n);
  const path: number[] = [];
  const cursor: number[] = [];
  for (let root = 0; root < n; root++) {
    if (color[root] !== 0) continue;
    color[root] = 1;
    path.push(root);
    cursor.push(0);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top]!;
      const out = edges[node]!;
      const i = cursor[top]!;
      if (i >= out.length) {
        color[node] = 2;
        path.pop();
        cursor.pop();
        continue;
      }
      cursor[top] = i + 1;
      const next = out[i]!;
      if (color[next] === 1) {
        const start = path.lastIndexOf(next);
        return [...path.slice(start), next];
      }
      if (color[next] === 0) {
        color[next] = 1;
        path.push(next);
        cursor.push(0);
      }
    }
  }
  return undefined;
}

/**
 * Finds a dependency cycle through `start`: a path `start -> ... -> start` following `edges`
 * (node -> the nodes it depends on), or `undefined` when `start` is on no cycle. Depth-first,
 * each node visited once, so it is linear in the size of the graph.
 *
 * @example
 * ```ts
 * import { findCycle } from 'syncprims';
 * const deps: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'] };
 * findCycle('a', (n) => deps[n] ?? []); // ['a', 'b', 'c', 'a']
 * ```
 */
export function findCycle(start: string, edges: (node: string) => readonly string[]): string[] | undefined {
  const visited = new Set<string>();
  const path: string[] = [start];
  const visit = (node: string): boolean => {
    for (const next of edges(node)) {
      if (next === start) {
        path.push(start);
        return true;
      }
      if (visited.has(next)) continue;
      visited.add(next);
      path.push(next);
      if (visit(next)) return true;
      path.pop();
    }
    return false;
  };
  visited.add(start);
  return visit(start) ? path : undefined;
}

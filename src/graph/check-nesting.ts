import type { Syncer } from '../core/syncer.js';
import { OptionsError } from '../core/sync-error.js';

/**
 * Refuses a dag whose nodes overlap with the members of nested dags: the same syncer would
 * run twice in one pass (once as a node, once inside a nested dag, or inside two nested dags),
 * or a dag would contain itself. `membersOf` returns the nodes of a nested dag (`undefined`
 * for other syncers); nested dags are walked recursively, each once.
 *
 * Errors: throws `OptionsError` naming the syncer and both places it appears.
 */
export function checkNesting(
  owner: Syncer,
  nodes: readonly Syncer[],
  membersOf: (syncer: Syncer) => readonly Syncer[] | undefined,
): void {
  const stack: Syncer[] = [];
  for (const node of nodes) {
    if (node === owner) throw new OptionsError(`dag ${JSON.stringify(owner.name)} contains itself`);
    if (membersOf(node) !== undefined) stack.push(node);
  }
  if (stack.length === 0) return;
  const placed = new Map<Syncer, { container: Syncer | undefined; where: string }>();
  placed.set(owner, { container: undefined, where: `the dag ${JSON.stringify(owner.name)} itself` });
  const asNode = { container: owner, where: `a node of dag ${JSON.stringify(owner.name)}` };
  for (const node of nodes) placed.set(node, asNode);
  const expanded = new Set<Syncer>();
  while (stack.length > 0) {
    const nested = stack.pop()!;
    if (expanded.has(nested)) continue;
    expanded.add(nested);
    const where = `a member of the nested dag ${JSON.stringify(nested.name)}`;
    for (const member of membersOf(nested) ?? []) {
      const before = placed.get(member);
      if (before !== undefined && before.container !== nested) {
        throw new OptionsError(
          `${JSON.stringify(member.name)} is both ${before.where} and ${where}; it would run twice in one pass ` +
            '(depend on the nested dag instead)',
        );
      }
      placed.set(member, { container: nested, where });
      if (membersOf(member) !== undefined) stack.push(member);
    }
  }
}

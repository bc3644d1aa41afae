/**
 * The dependency edges among custom resources, both ways: dependent -> dependencies (from
 * `spec.dependsOn`) and dependency -> dependents (the reverse index). The controller uses the
 * reverse index to wake the dependents of an object the moment its watch event says it became
 * ready, instead of polling.
 *
 * Keys are opaque strings (the controller uses `Kind/namespace/name`).
 *
 * @example
 * ```ts
 * import { DependencyIndex } from 'syncprims';
 * const index = new DependencyIndex();
 * index.set('Sync/apps/app', ['Sync/apps/crds']);
 * index.dependentsOf('Sync/apps/crds'); // ['Sync/apps/app']
 * ```
 */
export class DependencyIndex {
  private readonly forward = new Map<string, readonly string[]>();
  private readonly reverse = new Map<string, Set<string>>();

  /** Sets (replaces) the dependencies of `dependent`. */
  set(dependent: string, dependencies: readonly string[]): void {
    this.remove(dependent);
    const unique = [...new Set(dependencies)];
    if (unique.length === 0) return;
    this.forward.set(dependent, unique);
    for (const dependency of unique) {
      let dependents = this.reverse.get(dependency);
      if (!dependents) this.reverse.set(dependency, (dependents = new Set()));
      dependents.add(dependent);
    }
  }

  /** Forgets `dependent` and its edges. */
  remove(dependent: string): void {
    for (const dependency of this.forward.get(dependent) ?? []) {
      const dependents = this.reverse.get(dependency);
      dependents?.delete(dependent);
      if (dependents && dependents.size === 0) this.reverse.delete(dependency);
    }
    this.forward.delete(dependent);
  }

  /** The dependencies of `dependent`, in the order given. */
  dependenciesOf(dependent: string): readonly string[] {
    return this.forward.get(dependent) ?? [];
  }

  /** The objects that depend on `dependency`. */
  dependentsOf(dependency: string): string[] {
    return [...(this.reverse.get(dependency) ?? [])];
  }
}

const IGNORED = new Set(['metadata.managedFields', 'metadata.resourceVersion', 'metadata.generation', 'metadata.creationTimestamp', 'metadata.uid', 'status']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Lists the field paths (`spec.replicas`, `data.key`, `spec.template.spec.containers[0].image`)
 * whose values differ between two versions of an object, ignoring server-maintained metadata
 * and `status`. Used by dry runs to say what would change.
 */
export function diffPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (IGNORED.has(prefix)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const out: string[] = [];
    for (const key of [...keys].sort()) {
      out.push(...diffPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => diffPaths(item, after[i], `${prefix}[${i}]`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix || '.'];
}

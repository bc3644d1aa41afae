const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Appends a key to a field path the way people read them: `metadata.labels.app`,
 * `spec.containers[0]`, `metadata.annotations["example.com/x"]`.
 */
export function joinFieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (IDENTIFIER.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

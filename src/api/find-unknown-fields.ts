import type { JsonSchemaProps } from './json-schema-props.js';

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * Lists the fields of `value` that `schema` does not declare, as the API server's pruning of a
 * structural schema would drop them (e.g. a misspelt `intervall`). Paths start with `path`.
 */
export function findUnknownFields(schema: JsonSchemaProps, value: unknown, path: string): string[] {
  const out: string[] = [];
  const walk = (s: JsonSchemaProps, v: unknown, at: string): void => {
    if (Array.isArray(v)) {
      if (s.items) v.forEach((item, i) => walk(s.items!, item, `${at}[${i}]`));
      return;
    }
    if (!isRecord(v)) return;
    for (const [key, child] of Object.entries(v)) {
      const childPath = /^[A-Za-z_$][\w$-]*$/.test(key) ? `${at}.${key}` : `${at}[${key}]`;
      const declared = s.properties?.[key] ?? s.additionalProperties;
      if (declared) walk(declared, child, childPath);
      else if (!s['x-kubernetes-preserve-unknown-fields']) out.push(childPath);
    }
  };
  walk(schema, value, path);
  return out;
}

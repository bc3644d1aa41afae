/**
 * Serializes a value to JSON with object keys sorted (by UTF-16 code units) at every level,
 * so equal data always gives the same text whatever the key order. Otherwise it follows
 * `JSON.stringify`: `toJSON()` is honoured, `undefined`/functions/symbols are left out of
 * objects and become `null` in arrays, non-finite numbers become `null`; a value that
 * serializes to nothing gives `'null'`.
 *
 * Errors: throws `TypeError` on circular references and bigints, like `JSON.stringify`.
 *
 * @example
 * ```ts
 * import { canonicalJson } from 'syncprims';
 * canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } }); // '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const stack = new Set<object>();
  const write = (v: unknown): string | undefined => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: () => unknown }).toJSON();
    }
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return Number.isFinite(v) ? JSON.stringify(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        throw new TypeError('canonicalJson: cannot serialize a bigint');
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    if (v === null) return 'null';
    const obj = v as object;
    if (stack.has(obj)) throw new TypeError('canonicalJson: circular reference');
    stack.add(obj);
    try {
      if (Array.isArray(obj)) return `[${obj.map((item: unknown) => write(item) ?? 'null').join(',')}]`;
      const record = obj as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(record).sort()) {
        const text = write(record[key]);
        if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
      }
      return `{${parts.join(',')}}`;
    } finally {
      stack.delete(obj);
    }
  };
  return write(value) ?? 'null';
}

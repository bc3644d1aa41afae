import { describeValue } from './describe-value.js';
import { joinFieldPath } from './field-path.js';

/** Deepest nesting accepted in one object (the API server's JSON decoder allows 10,000). */
export const MAX_MANIFEST_DEPTH = 1000;
/** Most values (after YAML alias expansion) accepted in one object: guards against "billion laughs". */
export const MAX_MANIFEST_NODES = 1_000_000;

/** Why a value is not plain JSON: the field path (`''` for the root) and a message without the value. */
export interface PlainJsonProblem {
  readonly field: string;
  readonly message: string;
}

/** The result of {@link toPlainJson}. */
export type PlainJsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: PlainJsonProblem };

class Stop {
  constructor(readonly problem: PlainJsonProblem) {}
}

/**
 * Deep-copies a value into plain JSON data (null-prototype-safe objects, arrays, strings,
 * finite numbers, booleans, null), the way `JSON.stringify` would see it: `toJSON()` is
 * honoured and `undefined` properties are dropped.
 *
 * Refuses, with the field path, what JSON cannot carry or what would not end: `NaN`/`Infinity`,
 * bigints, symbols, functions, `Map`/`Set`, `undefined` list items, circular references,
 * nesting deeper than {@link MAX_MANIFEST_DEPTH}, more than {@link MAX_MANIFEST_NODES} values.
 * Never throws; messages never include values.
 */
export function toPlainJson(value: unknown): PlainJsonResult {
  let nodes = 0;
  const ancestors = new Set<object>();

  const copy = (v: unknown, field: string, depth: number): unknown => {
    if (++nodes > MAX_MANIFEST_NODES) {
      throw new Stop({ field, message: `has more than ${MAX_MANIFEST_NODES} values (YAML aliases expanding too much?)` });
    }
    if (depth > MAX_MANIFEST_DEPTH) throw new Stop({ field, message: `nests deeper than ${MAX_MANIFEST_DEPTH} levels` });
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return v;
      throw new Stop({ field, message: `must be a JSON value, got ${describeValue(v)}` });
    }
    if (typeof v !== 'object') throw new Stop({ field, message: `must be a JSON value, got ${describeValue(v)}` });
    if (ancestors.has(v)) throw new Stop({ field, message: 'refers to itself (circular reference)' });
    if (v instanceof Map || v instanceof Set) {
      throw new Stop({ field, message: `must be a JSON value, got a ${v instanceof Map ? 'Map' : 'Set'}` });
    }
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const replaced: unknown = toJSON.call(v, '');
      if (replaced === undefined) throw new Stop({ field, message: 'turns into nothing through toJSON()' });
      ancestors.add(v);
      try {
        return copy(replaced, field, depth + 1);
      } finally {
        ancestors.delete(v);
      }
    }
    ancestors.add(v);
    try {
      if (Array.isArray(v)) {
        const out: unknown[] = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          const path = joinFieldPath(field, i);
          if (item === undefined) throw new Stop({ field: path, message: 'must be a JSON value, got nothing (undefined)' });
          out[i] = copy(item, path, depth + 1);
        }
        return out;
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        const item: unknown = (v as Record<string, unknown>)[key];
        if (item === undefined) continue;
        const copied = copy(item, joinFieldPath(field, key), depth + 1);
        if (key === '__proto__') Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
        else out[key] = copied;
      }
      return out;
    } finally {
      ancestors.delete(v);
    }
  };

  try {
    if (value === undefined) return { ok: false, problem: { field: '', message: 'must be a JSON value, got nothing (undefined)' } };
    return { ok: true, value: copy(value, '', 0) };
  } catch (err) {
    if (err instanceof Stop) return { ok: false, problem: err.problem };
    // A getter, proxy or toJSON() threw, or the stack ran out: report it without its text.
    const what = err instanceof RangeError ? 'nests too deeply' : 'could not be read (a getter or toJSON() threw)';
    return { ok: false, problem: { field: '', message: what } };
  }
}

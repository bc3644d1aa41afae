import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import type { KubeObject } from '../core/object-ref.js';

/**
 * Readers for the `spec`/`status` fields the health rules look at. Objects come from the API
 * server (or a user's manifest) and are untrusted: every field is checked with io-ts, and a
 * field of the wrong type reads as absent, so a malformed status never throws.
 */

/** io-ts codec of the part of a status condition that must be well-formed to be used at all. */
const conditionCodec = t.type({ type: t.string, status: t.string });

/** One status condition, as read from an object (optional fields of the wrong type are left out). */
export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly observedGeneration?: number;
}

/** Reads the value at `path` (undefined when any step is missing or not an object). */
export function readPath(obj: unknown, path: readonly string[]): unknown {
  let value: unknown = obj;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Reads an integer field; `fallback` when absent or not an integer. */
export function readInt(obj: KubeObject, path: readonly string[], fallback: number): number {
  const value = readPath(obj, path);
  return t.Int.is(value) ? value : fallback;
}

/** Reads an integer field; `undefined` when absent or not an integer. */
export function readOptionalInt(obj: KubeObject, path: readonly string[]): number | undefined {
  const value = readPath(obj, path);
  return t.Int.is(value) ? value : undefined;
}

/** Reads a string field; `fallback` when absent or not a string. */
export function readString(obj: KubeObject, path: readonly string[], fallback: string): string {
  const value = readPath(obj, path);
  return t.string.is(value) ? value : fallback;
}

/** Reads an array field; `[]` when absent or not an array. */
export function readArray(obj: unknown, path: readonly string[]): readonly unknown[] {
  const value = readPath(obj, path);
  return Array.isArray(value) ? value : [];
}

/** Reads `status.conditions`, dropping entries without a string `type` and `status`. */
export function readConditions(obj: KubeObject): readonly Condition[] {
  const out: Condition[] = [];
  for (const entry of readArray(obj, ['status', 'conditions'])) {
    const decoded = conditionCodec.decode(entry);
    if (!isRight(decoded)) continue;
    const reason = readPath(entry, ['reason']);
    const message = readPath(entry, ['message']);
    const observedGeneration = readPath(entry, ['observedGeneration']);
    out.push({
      type: decoded.right.type,
      status: decoded.right.status,
      ...(t.string.is(reason) ? { reason } : {}),
      ...(t.string.is(message) ? { message } : {}),
      ...(t.Int.is(observedGeneration) ? { observedGeneration } : {}),
    });
  }
  return out;
}

/** The first condition of `type`, if any. */
export function findCondition(conditions: readonly Condition[], type: string): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

/** True when a condition of `type` has `status` (`'True'`, `'False'` or `'Unknown'`). */
export function hasCondition(conditions: readonly Condition[], type: string, status: string): boolean {
  return conditions.some((c) => c.type === type && c.status === status);
}

/** Renders a condition's reason and message for a status line: `Reason: message`. */
export function describeCondition(c: Condition): string {
  const reason = c.reason ?? '';
  const message = c.message ?? '';
  if (reason && message) return `${reason}: ${message}`;
  return reason || message || `${c.type}=${c.status}`;
}

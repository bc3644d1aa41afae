import { refKey, refOf, type KubeObject, type ObjectRef } from '../core/object-ref.js';
import type { NotReady } from '../core/sync-result.js';
import { evaluateHealth } from './evaluate-health.js';
import type { HealthRule } from './health-rule.js';
import type { FailedObject, ObjectHealth } from './wait-outcome.js';

/** The reason given for an awaited object that does not exist. */
export const NOT_FOUND_REASON = 'not found';

/** The reason given for an awaited object not observed yet. */
export const NOT_OBSERVED_REASON = 'not observed yet';

/**
 * The health of a fixed set of awaited objects, updated from list snapshots and watch events.
 * Pure state: no I/O, no timers.
 */
export class ReadinessTracker {
  private readonly entries = new Map<string, ObjectHealth>();

  constructor(
    refs: readonly ObjectRef[],
    private readonly rules: readonly HealthRule[] = [],
  ) {
    for (const ref of refs) {
      const key = refKey(ref);
      if (!this.entries.has(key)) this.entries.set(key, { ref, status: 'Unknown', message: NOT_OBSERVED_REASON });
    }
  }

  /** How many distinct objects are awaited. */
  get size(): number {
    return this.entries.size;
  }

  /** True when `ref` is awaited. */
  has(ref: ObjectRef): boolean {
    return this.entries.has(refKey(ref));
  }

  /**
   * Records the latest state of an object. Ignores objects that are not awaited.
   * Returns true when the object is awaited. A custom rule's exception propagates.
   */
  observe(obj: KubeObject): boolean {
    const key = refKey(refOf(obj));
    const entry = this.entries.get(key);
    if (!entry) return false;
    const health = evaluateHealth(obj, this.rules);
    this.entries.set(key, { ref: entry.ref, status: health.status, message: health.message });
    return true;
  }

  /** Records that an object does not exist. Returns true when it is awaited. */
  markMissing(ref: ObjectRef): boolean {
    const key = refKey(ref);
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.set(key, { ref: entry.ref, status: 'NotFound', message: NOT_FOUND_REASON });
    return true;
  }

  /** Notes an error on objects still not observed, so a timeout says why (`not observed yet: ...`). */
  noteUnobserved(refs: readonly ObjectRef[], problem: string): void {
    for (const ref of refs) {
      const key = refKey(ref);
      const entry = this.entries.get(key);
      if (entry?.status === 'Unknown') this.entries.set(key, { ...entry, message: `${NOT_OBSERVED_REASON}: ${problem}` });
    }
  }

  /** True when every awaited object is Current. */
  allCurrent(): boolean {
    for (const entry of this.entries.values()) if (entry.status !== 'Current') return false;
    return true;
  }

  /** The objects that reported Failed. */
  failed(): FailedObject[] {
    const out: FailedObject[] = [];
    for (const entry of this.entries.values()) {
      if (entry.status === 'Failed') out.push({ ref: entry.ref, message: entry.message });
    }
    return out;
  }

  /** The objects neither Current nor Failed, with the reason. */
  notReady(): NotReady[] {
    const out: NotReady[] = [];
    for (const entry of this.entries.values()) {
      if (entry.status !== 'Current' && entry.status !== 'Failed') out.push({ ref: entry.ref, reason: entry.message });
    }
    return out;
  }

  /** Every awaited object's last known health, in the order the refs were given. */
  statuses(): ObjectHealth[] {
    return [...this.entries.values()];
  }
}

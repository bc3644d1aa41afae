import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { ObjectRef } from '../core/object-ref.js';

/** One object recorded in an inventory. */
export interface InventoryEntry extends ObjectRef {
  /** Digest of the desired object last applied (with ownership metadata). */
  readonly digest?: string;
  /** Digest of this field manager's `managedFields` entry right after that apply. */
  readonly fields?: string;
}

/** What a sync applied last: the objects it owns, kept in the target cluster. */
export interface Inventory {
  /** The revision of the desired set last applied completely (`''` if none). */
  readonly revision: string;
  readonly entries: readonly InventoryEntry[];
}

const EntryCodec = t.intersection([
  t.type({ apiVersion: t.string, kind: t.string, name: t.string }),
  t.partial({ namespace: t.string, digest: t.string, fields: t.string }),
]);

/** io-ts codec of the stored inventory document (it lives in the cluster: treat as untrusted). */
export const InventoryCodec = t.type({ revision: t.string, entries: t.array(EntryCodec) });

/** An empty inventory. */
export const emptyInventory: Inventory = Object.freeze({ revision: '', entries: Object.freeze([]) });

/** Decodes a stored inventory; returns `undefined` when the document is not one. */
export function decodeInventory(value: unknown): Inventory | undefined {
  const decoded = InventoryCodec.decode(value);
  if (isLeft(decoded)) return undefined;
  return {
    revision: decoded.right.revision,
    entries: decoded.right.entries.map((e) => {
      const entry: InventoryEntry = { apiVersion: e.apiVersion, kind: e.kind, name: e.name };
      return {
        ...entry,
        ...(e.namespace ? { namespace: e.namespace } : {}),
        ...(e.digest ? { digest: e.digest } : {}),
        ...(e.fields ? { fields: e.fields } : {}),
      };
    }),
  };
}

import type { KubeObject, ObjectRef } from '../core/object-ref.js';
import type { ManifestOrigin } from './manifest.js';

/** One validated, normalized object of a {@link DesiredSet}. */
export interface DesiredObject {
  /** The object as it will be applied: plain JSON, namespace set or dropped, server fields removed. */
  readonly object: KubeObject;
  /** Its reference (with the namespace it will have). */
  readonly ref: ObjectRef;
  /** Where it came from. */
  readonly origin: ManifestOrigin;
  /** Whether its kind is namespaced. */
  readonly namespaced: boolean;
  /** `sha256:<hex>` of the canonical JSON of the normalized `object` (see `digestObject`). */
  readonly digest: string;
}

/** The whole desired set of a pass, validated before any write. */
export interface DesiredSet {
  /** The objects, in input order. */
  readonly objects: DesiredObject[];
  /**
   * `sha256:<hex>` digest of the canonical JSON of the normalized objects: independent of
   * their order and key order, changed by any value.
   */
  readonly revision: string;
}

import { createHash } from 'node:crypto';
import type { KubeObject } from '../core/object-ref.js';

/** Label on every applied object: a short hash of the owning sync's identity (label-safe). */
export const OWNER_LABEL = 'syncprims.dev/owner';
/** Annotation on every applied object: the owning sync's identity, readable. */
export const OWNER_ANNOTATION = 'syncprims.dev/owned-by';
/** Standard label naming the tool that manages the object. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Annotation that keeps an object when it would be pruned: value `disabled`. */
export const PRUNE_ANNOTATION = 'syncprims.dev/prune';
/** Annotation that lets an object be deleted and recreated on an immutable-field change: value `enabled`. */
export const FORCE_ANNOTATION = 'syncprims.dev/force';

/**
 * Who owns an applied object: the kind of sync, its name, and where it is defined.
 *
 * Two syncs with different identities never prune each other's objects. A `RemoteSync`
 * adds the management cluster's identity (`scope`), so two management clusters
 * applying to the same downstream cluster stay apart.
 */
export interface OwnerIdentity {
  /** `Sync`, `RemoteSync` or `ProxySync`. */
  readonly kind: string;
  /** The sync's name. */
  readonly name: string;
  /** The namespace of the sync's custom resource, when it has one. @default '' */
  readonly namespace?: string;
  /** Where the sync is defined, e.g. the management cluster's id. @default '' */
  readonly scope?: string;
}

/** Renders an identity for humans and for the owner annotation: `scope/Kind/namespace/name`. */
export function formatOwner(owner: OwnerIdentity): string {
  return [owner.scope ?? '', owner.kind, owner.namespace ?? '', owner.name].join('/').replace(/^\/+/, '');
}

const labelValues = new Map<string, string>();

/** The label value for an identity: `o-` and 20 hex characters of its sha256 (memoized: it is on the hot path). */
export function ownerLabelValue(owner: OwnerIdentity): string {
  const key = formatOwner(owner);
  let value = labelValues.get(key);
  if (value === undefined) {
    value = 'o-' + createHash('sha256').update(key).digest('hex').slice(0, 20);
    if (labelValues.size >= 1024) labelValues.clear();
    labelValues.set(key, value);
  }
  return value;
}

/** Returns a copy of `obj` carrying the ownership labels and annotation of `owner`. */
export function withOwnership(obj: KubeObject, owner: OwnerIdentity): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: { ...obj.metadata.labels, [OWNER_LABEL]: ownerLabelValue(owner), [MANAGED_BY_LABEL]: 'syncprims' },
      annotations: { ...obj.metadata.annotations, [OWNER_ANNOTATION]: formatOwner(owner) },
    },
  };
}

/** True when a live object carries the ownership label of `owner`. */
export function isOwnedBy(obj: KubeObject, owner: OwnerIdentity): boolean {
  return obj.metadata.labels?.[OWNER_LABEL] === ownerLabelValue(owner);
}

/** True when the object opts out of pruning with `syncprims.dev/prune: disabled`. */
export function isPruneDisabled(obj: KubeObject): boolean {
  return obj.metadata.annotations?.[PRUNE_ANNOTATION] === 'disabled';
}

/** True when the object allows recreation on immutable-field changes with `syncprims.dev/force: enabled`. */
export function isForceEnabled(obj: KubeObject): boolean {
  return obj.metadata.annotations?.[FORCE_ANNOTATION] === 'enabled';
}

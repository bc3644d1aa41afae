import type { KubeObject } from '../../core/object-ref.js';
import { API_VERSION } from '../../api/group.js';
import { SyncSpecCodec, type SyncSpec } from '../../api/sync-spec.js';
import type { DependencyRef } from '../../api/dependency-ref.js';
import { withOwnership, type OwnerIdentity } from '../../apply/owner-identity.js';
import { PAYLOAD_KEY } from './chunk-payload.js';
import type { PayloadPlan } from './plan-payload.js';

/** The settings of the remote Sync a ProxySync maintains (its metadata and spec, payload aside). */
export interface RemoteSyncSettings {
  readonly name: string;
  readonly namespace: string;
  readonly interval: number;
  readonly retryInterval?: number;
  readonly timeout: number;
  readonly prune: boolean;
  readonly wait: boolean;
  readonly force: boolean;
  readonly suspend: boolean;
  readonly targetNamespace?: string;
  readonly serviceAccountName?: string;
  readonly dependsOn: readonly DependencyRef[];
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The decoded spec of the remote Sync (defaults explicit), for building and comparing. */
export function remoteSyncSpec(settings: RemoteSyncSettings, payload: PayloadPlan): SyncSpec {
  return {
    source: {
      ...(payload.inline.length > 0 ? { inline: payload.inline.map((o) => structuredClone(o)) } : {}),
      ...(payload.chunks.length > 0 ? { configMapRefs: payload.chunks.map((c) => ({ name: c.name, key: PAYLOAD_KEY })) } : {}),
    },
    interval: settings.interval,
    retryInterval: settings.retryInterval ?? settings.interval,
    timeout: settings.timeout,
    prune: settings.prune,
    wait: settings.wait,
    force: settings.force,
    suspend: settings.suspend,
    dependsOn: settings.dependsOn.map((d) => ({ kind: d.kind, name: d.name })),
    // The remote Sync, deleted, prunes what it applied: that is what deleting a ProxySync means.
    deletionPolicy: 'Delete',
    ...(settings.targetNamespace ? { targetNamespace: settings.targetNamespace } : {}),
    ...(settings.serviceAccountName ? { serviceAccountName: settings.serviceAccountName } : {}),
  };
}

/**
 * The remote `Sync` object to apply (pure): the settings' metadata with the ownership label and
 * annotation of `owner`, and the spec encoded by `SyncSpecCodec` (durations as strings).
 */
export function buildRemoteSync(settings: RemoteSyncSettings, payload: PayloadPlan, owner: OwnerIdentity): KubeObject {
  const obj: KubeObject = {
    apiVersion: API_VERSION,
    kind: 'Sync',
    metadata: {
      name: settings.name,
      namespace: settings.namespace,
      ...(Object.keys(settings.labels).length > 0 ? { labels: { ...settings.labels } } : {}),
      ...(Object.keys(settings.annotations).length > 0 ? { annotations: { ...settings.annotations } } : {}),
    },
    spec: SyncSpecCodec.encode(remoteSyncSpec(settings, payload)),
  };
  return withOwnership(obj, owner);
}

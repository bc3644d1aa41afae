import type { KubeObject } from '../core/object-ref.js';
import { API_VERSION } from '../api/group.js';
import { SyncSpecCodec } from '../api/sync-spec.js';

/** What the self-managing Sync custom resource is made of. */
export interface SelfSyncSettings {
  readonly name: string;
  readonly namespace: string;
  /** The install manifests it keeps applied. */
  readonly objects: readonly KubeObject[];
  readonly interval: number;
  readonly timeout: number;
  readonly wait: boolean;
}

/**
 * The `Sync` custom resource through which syncprims manages itself (pure): the install
 * manifests inline, `prune: true` (an upgrade that drops an object removes it), and
 * `deletionPolicy: Orphan`, so deleting the resource never uninstalls syncprims (its CRDs
 * and with them every Sync of the cluster).
 */
export function buildSelfSync(settings: SelfSyncSettings): KubeObject {
  const spec = SyncSpecCodec.encode({
    source: { inline: settings.objects.map((o) => structuredClone(o)) },
    interval: settings.interval,
    retryInterval: settings.interval,
    timeout: settings.timeout,
    prune: true,
    wait: settings.wait,
    force: false,
    suspend: false,
    dependsOn: [],
    deletionPolicy: 'Orphan',
  });
  return {
    apiVersion: API_VERSION,
    kind: 'Sync',
    metadata: {
      name: settings.name,
      namespace: settings.namespace,
      labels: { 'app.kubernetes.io/part-of': 'syncprims', 'app.kubernetes.io/component': 'self-management' },
    },
    spec,
  };
}

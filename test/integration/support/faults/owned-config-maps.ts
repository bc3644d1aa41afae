import type { KubeClient } from '../../../../src/cluster/index.js';
import { OWNER_LABEL, ownerLabelValue, type OwnerIdentity } from '../../../../src/apply/owner-identity.js';

/** The ConfigMaps in `namespace` carrying the ownership label of `owner` (not its inventory): name -> object. */
export async function ownedConfigMaps(
  client: KubeClient,
  owner: OwnerIdentity,
  namespace: string,
): Promise<Map<string, { resourceVersion: string; data: Record<string, string> }>> {
  const { items } = await client.list('v1', 'ConfigMap', { namespace, labelSelector: `${OWNER_LABEL}=${ownerLabelValue(owner)},!syncprims.dev/inventory` });
  return new Map(
    items.map((i) => [i.metadata.name, { resourceVersion: i.metadata.resourceVersion ?? '', data: ((i as { data?: Record<string, string> }).data ?? {}) }]),
  );
}

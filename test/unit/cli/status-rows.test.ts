import { describe, expect, it } from 'vitest';
import { formatStatusText } from '../../../src/cli/commands/status-command.js';
import { inventoryRows } from '../../../src/cli/list-inventories.js';
import { syncResourceRows } from '../../../src/cli/list-sync-resources.js';

const NOW = Date.parse('2025-01-01T12:00:00Z');

const inventory = (name: string, owner: string | undefined, data: Record<string, string> | undefined) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'syncprims-system', creationTimestamp: '2025-01-01T11:55:00Z', ...(owner ? { annotations: { 'syncprims.dev/owned-by': owner } } : {}) },
  ...(data ? { data } : {}),
});

describe('inventoryRows', () => {
  it('reads owner, revision and count from inventory ConfigMaps, sorted by name', () => {
    const rows = inventoryRows([
      inventory('sync-web-12345678', 'Sync//web', { revision: 'sha256:aaaa', count: '12' }),
      inventory('sync-crds-87654321', 'Sync//crds', { revision: 'sha256:bbbb', count: '3' }),
      inventory('remotesync-edge-1', 'mgmt-id/RemoteSync//edge', { revision: '', count: 'x' }),
      inventory('sync-apps-1', 'Sync/team-a/apps', undefined),
    ]);
    expect(rows).toEqual([
      { name: 'apps', kind: 'Sync', ownerNamespace: 'team-a', configMap: 'sync-apps-1', revision: '', createdAt: '2025-01-01T11:55:00Z' },
      { name: 'crds', kind: 'Sync', configMap: 'sync-crds-87654321', revision: 'sha256:bbbb', objects: 3, createdAt: '2025-01-01T11:55:00Z' },
      { name: 'edge', kind: 'RemoteSync', configMap: 'remotesync-edge-1', revision: '', createdAt: '2025-01-01T11:55:00Z' },
      { name: 'web', kind: 'Sync', configMap: 'sync-web-12345678', revision: 'sha256:aaaa', objects: 12, createdAt: '2025-01-01T11:55:00Z' },
    ]);
  });

  it('falls back to the ConfigMap name without an owner annotation, and skips objects that do not decode', () => {
    const rows = inventoryRows([inventory('odd', undefined, { count: '1' }), { metadata: { name: 5 } }, null, { metadata: { name: 'bad-data' }, data: { count: 7 } }]);
    expect(rows).toEqual([{ name: 'odd', kind: '-', configMap: 'odd', revision: '', objects: 1, createdAt: '2025-01-01T11:55:00Z' }]);
  });
});

describe('syncResourceRows', () => {
  it('reads the Ready condition, its message, and whether the status is stale', () => {
    const rows = syncResourceRows('Sync', [
      {
        metadata: { name: 'web', namespace: 'default', generation: 2, creationTimestamp: '2025-01-01T10:00:00Z' },
        status: { observedGeneration: 2, conditions: [{ type: 'Reconciling', status: 'False' }, { type: 'Ready', status: 'True', message: 'applied revision sha256:1' }] },
      },
      { metadata: { name: 'new', namespace: 'default', generation: 3 }, status: { observedGeneration: 2, message: 'old status', conditions: [{ type: 'Ready', status: 'False' }] } },
      { metadata: { name: 'fresh', namespace: 'default' } },
      { metadata: { name: 'bad' }, status: { conditions: 'nope' } },
    ]);
    expect(rows).toEqual([
      { kind: 'Sync', namespace: 'default', name: 'web', ready: 'True', message: 'applied revision sha256:1', stale: false, createdAt: '2025-01-01T10:00:00Z' },
      { kind: 'Sync', namespace: 'default', name: 'new', ready: 'False', message: 'old status', stale: true },
      { kind: 'Sync', namespace: 'default', name: 'fresh', ready: '-', message: '', stale: false },
    ]);
  });
});

describe('formatStatusText', () => {
  it('prints both tables with ages', () => {
    const text = formatStatusText(
      inventoryRows([inventory('sync-web-1', 'Sync//web', { revision: 'sha256:0123456789abcdef', count: '12' })]),
      { installed: true, rows: syncResourceRows('RemoteSync', [{ metadata: { name: 'edge-1', namespace: 'fleet', creationTimestamp: '2025-01-01T09:00:00Z', generation: 1 }, status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'False', message: 'API server unreachable' }] } }]) },
      undefined,
      NOW,
    );
    expect(text).toBe(
      [
        'SDK syncs (inventories in syncprims-system):',
        'NAME   KIND   REVISION       OBJECTS   AGE',
        'web    Sync   0123456789ab   12        5m',
        '',
        'Custom resources (all namespaces):',
        'NAMESPACE   KIND         NAME     READY   MESSAGE                  AGE',
        'fleet       RemoteSync   edge-1   False   API server unreachable   3h',
        '',
      ].join('\n'),
    );
  });

  it('says when there are no inventories and when the CRDs are not installed', () => {
    const text = formatStatusText([], { installed: false, rows: [] }, 'web', NOW);
    expect(text).toContain('No SDK syncs (no inventories in syncprims-system).');
    expect(text).toContain('The syncprims CRDs are not installed (install them with: syncprims crds | kubectl apply -f -).');
  });

  it('marks stale statuses and names the namespace', () => {
    const text = formatStatusText([], { installed: true, rows: syncResourceRows('Sync', [{ metadata: { name: 'a', namespace: 'web', generation: 2 }, status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True' }] } }]) }, 'web', NOW);
    expect(text).toContain('Custom resources (namespace web):');
    expect(text).toMatch(/web\s+Sync\s+a\s+True\*\s+-\s+-/);
    expect(text).toContain('* the status is older than the latest spec');
  });
});

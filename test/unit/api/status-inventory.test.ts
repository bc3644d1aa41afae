import { describe, expect, it } from 'vitest';
import { refOfStatusInventoryEntry, statusInventoryEntryOf } from '../../../src/api/status-inventory.js';
import type { ObjectRef } from '../../../src/core/object-ref.js';

describe('status inventory entries', () => {
  it.each<[ObjectRef, string, string]>([
    [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' }, 'apps_Deployment_web_api', 'v1'],
    [{ apiVersion: 'v1', kind: 'Namespace', name: 'web' }, '_Namespace__web', 'v1'],
    [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'a', name: 'b.c' }, '_ConfigMap_a_b.c', 'v1'],
    [{ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'syncs.syncprims.dev' }, 'apiextensions.k8s.io_CustomResourceDefinition__syncs.syncprims.dev', 'v1'],
  ])('%j <-> %s', (ref, id, v) => {
    expect(statusInventoryEntryOf(ref)).toEqual({ id, v });
    expect(refOfStatusInventoryEntry({ id, v })).toEqual(ref);
  });

  it.each([{ id: 'apps_Deployment_web', v: 'v1' }, { id: 'apps__web_api', v: 'v1' }, { id: 'apps_Deployment_web_api', v: '' }])('refuses malformed %j', (entry) => {
    expect(refOfStatusInventoryEntry(entry)).toBeUndefined();
  });
});

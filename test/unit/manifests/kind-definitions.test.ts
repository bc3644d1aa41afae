import { describe, it, expect } from 'vitest';
import { kindDefinitions } from '../../../src/index.js';

describe('kindDefinitions', () => {
  it('lists every served version of every CRD in a set, with its scope, and ignores other objects', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Cluster',
        names: { plural: 'widgets', kind: 'Widget' },
        versions: [
          { name: 'v1', served: true, storage: true },
          { name: 'v2', served: true, storage: false },
        ],
      },
    };
    const defs = kindDefinitions([crd, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }]);
    expect(defs).toEqual(
      expect.arrayContaining([
        { apiVersion: 'example.com/v1', kind: 'Widget', namespaced: false },
        { apiVersion: 'example.com/v2', kind: 'Widget', namespaced: false },
      ]),
    );
    expect(defs.every((d) => d.kind === 'Widget')).toBe(true);
  });
});

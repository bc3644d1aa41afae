import { describe, expect, it } from 'vitest';
import { syncprimsCrd, syncprimsCrds } from '../../../src/api/crds.js';
import { decodeSpec } from '../../../src/api/decode-spec.js';
import { decodeStatus } from '../../../src/api/decode-status.js';
import { KINDS, type SyncKind } from '../../../src/api/group.js';
import type { JsonSchemaProps } from '../../../src/api/json-schema-props.js';
import { ProxySyncStatusCodec, SyncStatusCodec } from '../../../src/api/status-codec.js';
import { readyCondition, reconcilingCondition, setCondition } from '../../../src/api/status.js';
import { SPEC_CASES } from './spec-cases.js';
import { admit, prune, structuralProblems } from './schema-check.js';

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  subresources: { status: object };
  additionalPrinterColumns: { name: string; type: string; jsonPath: string; priority?: number }[];
  schema: { openAPIV3Schema: JsonSchemaProps };
}
interface Crd {
  metadata: { name: string };
  spec: { group: string; scope: string; names: { kind: string; plural: string; singular: string; listKind: string; shortNames: string[]; categories: string[] }; versions: CrdVersion[] };
}
const crdOf = (kind: SyncKind) => syncprimsCrd(kind) as unknown as Crd;
const schemaOf = (kind: SyncKind) => crdOf(kind).spec.versions[0]!.schema.openAPIV3Schema;

describe('syncprimsCrds', () => {
  it('returns one namespaced v1alpha1 CRD per kind, with names, short names and category', () => {
    const crds = syncprimsCrds() as unknown as Crd[];
    expect(crds.map((c) => c.metadata.name)).toEqual(['syncs.syncprims.dev', 'remotesyncs.syncprims.dev', 'proxysyncs.syncprims.dev']);
    expect(crds.map((c) => c.spec.names.shortNames)).toEqual([['sy'], ['rsy'], ['psy']]);
    for (const crd of crds) {
      expect(crd.spec.group).toBe('syncprims.dev');
      expect(crd.spec.scope).toBe('Namespaced');
      expect(crd.spec.names.categories).toEqual(['syncprims']);
      expect(crd.spec.names.listKind).toBe(`${crd.spec.names.kind}List`);
      expect(crd.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([['v1alpha1', true, true]]);
      expect(crd.spec.versions[0]!.subresources).toEqual({ status: {} });
    }
  });

  it('has the Ready, Status and Age printer columns', () => {
    for (const kind of KINDS) {
      const columns = crdOf(kind).spec.versions[0]!.additionalPrinterColumns.filter((c) => !c.priority);
      expect(columns).toEqual([
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ]);
    }
  });

  it('has structural schemas', () => {
    for (const kind of KINDS) expect(structuralProblems(schemaOf(kind))).toEqual([]);
  });

  it('keeps inline objects whole (x-kubernetes-preserve-unknown-fields), also in a ProxySync template', () => {
    const inlineOf = (spec: JsonSchemaProps | undefined) => spec?.properties?.source?.properties?.inline?.items;
    const items = [
      inlineOf(schemaOf('Sync').properties?.spec),
      inlineOf(schemaOf('RemoteSync').properties?.spec),
      inlineOf(schemaOf('ProxySync').properties?.spec?.properties?.template?.properties?.spec),
    ];
    for (const item of items) {
      expect(item?.type).toBe('object');
      expect(item?.['x-kubernetes-preserve-unknown-fields']).toBe(true);
      expect(item?.properties?.metadata?.['x-kubernetes-preserve-unknown-fields']).toBe(true);
    }
  });

  it('returns fresh objects on every call', () => {
    const a = syncprimsCrds();
    a[0]!.metadata.name = 'changed';
    expect(syncprimsCrds()[0]!.metadata.name).toBe('syncs.syncprims.dev');
  });
});

describe('the CRD schemas agree with the codecs (modelled server)', () => {
  const objectOf = (c: (typeof SPEC_CASES)[number]) => ({
    apiVersion: 'syncprims.dev/v1alpha1',
    kind: c.kind,
    metadata: { name: 'case' },
    ...(c.spec === undefined ? {} : { spec: c.spec }),
  });

  it.each(SPEC_CASES.map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const codecAccepts = decodeSpec(c.kind, objectOf(c)).ok;
    const schemaErrors = admit(schemaOf(c.kind), objectOf(c));
    expect(codecAccepts).toBe(c.path === undefined);
    // Rules the schema cannot state: the codec refuses, the schema lets the object in.
    expect(schemaErrors.length === 0).toBe(c.codecOnly ? true : codecAccepts);
  });

  it('pruning by the schema changes nothing the codec decodes', () => {
    for (const c of SPEC_CASES.filter((x) => x.path === undefined)) {
      const before = decodeSpec(c.kind, objectOf(c));
      const after = decodeSpec(c.kind, prune(schemaOf(c.kind), objectOf(c)));
      expect(after.ok && after.spec, c.title).toEqual(before.ok && before.spec);
      expect(after.ok && after.unknownFields, c.title).toEqual([]);
    }
  });
});

describe('the status schemas', () => {
  const now = new Date('2025-02-03T04:05:06Z');
  const conditions = setCondition(
    setCondition([], reconcilingCondition({ reason: 'Progressing', message: 'applying 3 objects', observedGeneration: 2 }), now),
    readyCondition('Unknown', { reason: 'Progressing', message: 'applying 3 objects', observedGeneration: 2 }),
    now,
  );
  const syncStatus = {
    observedGeneration: 2,
    conditions,
    inventory: { entries: [{ id: 'apps_Deployment_web_api', v: 'v1' }] },
    lastAppliedRevision: 'sha256:abc',
    lastAttemptedRevision: 'sha256:def',
    lastHandledRequestedAt: '2025-02-03T04:00:00Z',
    message: 'applying',
  };
  const proxyStatus = { ...syncStatus, remoteObservedGeneration: 7, lastSeenTime: '2025-02-03T04:05:00Z', remote: { cluster: 'fleet/edge-1', namespace: 'apps', name: 'apps' } };

  it('accept a full status and prune none of it', () => {
    const statusSchema = (kind: SyncKind) => schemaOf(kind).properties!.status!;
    expect(admit(statusSchema('Sync'), SyncStatusCodec.encode(syncStatus))).toEqual([]);
    expect(admit(statusSchema('ProxySync'), ProxySyncStatusCodec.encode(proxyStatus))).toEqual([]);
    expect(decodeStatus('Sync', { status: syncStatus })).toEqual({ ok: true, status: syncStatus });
    expect(decodeStatus('ProxySync', { status: proxyStatus })).toEqual({ ok: true, status: proxyStatus });
  });

  it('decode a missing status to the empty status', () => {
    expect(decodeStatus('RemoteSync', { metadata: { name: 'x' } })).toEqual({
      ok: true,
      status: { observedGeneration: 0, conditions: [], inventory: { entries: [] }, lastAppliedRevision: '', lastAttemptedRevision: '', message: '' },
    });
  });

  it('refuse a malformed status with the path', () => {
    const bad = { status: { conditions: [{ type: 'Ready', status: 'Maybe', reason: 'X', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' }] } };
    expect(decodeStatus('Sync', bad)).toMatchObject({ ok: false, path: 'status.conditions[0].status' });
    const dup = { status: { conditions: [conditions[1], conditions[1]] } };
    expect(decodeStatus('Sync', dup)).toMatchObject({ ok: false, path: 'status.conditions[1]' });
    expect(admit(schemaOf('Sync').properties!.status!, dup.status)).not.toEqual([]);
  });
});

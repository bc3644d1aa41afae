/**
 * The CRD schemas and the io-ts codecs agree, judged by a real API server (the fleet's mgmt, or
 * SYNCPRIMS_TEST_KUBECONFIG): for every case of the shared table, the server accepts an object
 * exactly when `decodeSpec` accepts it, except for the rules a schema cannot state (marked
 * `codecOnly`: the codec refuses, the server accepts). Accepted objects come back pruned, and
 * decode to the same spec. Status written through the status subresource survives untouched.
 *
 * To stay out of the way of other tests (the controller's installs the real CRDs), the table
 * runs against copies of the three CRDs under a group of its own, identical but for the group
 * and name; the real CRDs are only created with dryRun=All, to prove the server takes them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import type { KubeClient } from '../../src/cluster/kube-client.js';
import type { KubeObject } from '../../src/core/object-ref.js';
import { isSyncError, type SyncError } from '../../src/core/sync-error.js';
import { syncprimsCrds } from '../../src/api/crds.js';
import { decodeSpec } from '../../src/api/decode-spec.js';
import { decodeStatus } from '../../src/api/decode-status.js';
import { GROUP, KINDS, PLURALS, VERSION, type SyncKind } from '../../src/api/group.js';
import { readyCondition, reconcilingCondition, setCondition } from '../../src/api/status.js';
import { SPEC_CASES, type SpecCase } from '../unit/api/spec-cases.js';
import { singleCluster } from './fleet-context.js';

const suffix = randomBytes(3).toString('hex');
const testGroup = `crd-schema-${suffix}.${GROUP}`;
const apiVersion = `${testGroup}/${VERSION}`;
const ns = `crd-schema-${suffix}`;
const cluster = Cluster.fromKubeconfig({ path: singleCluster().kubeconfigPath });
let client: KubeClient;

/** A real CRD moved to the test group: only `metadata.name` and `spec.group` differ. */
function inTestGroup(crd: KubeObject): KubeObject {
  const copy = structuredClone(crd) as KubeObject & { spec: { group: string; names: { plural: string } } };
  copy.metadata = { ...copy.metadata, name: `${copy.spec.names.plural}.${testGroup}` };
  copy.spec.group = testGroup;
  return copy;
}

async function waitEstablished(name: string, signal: AbortSignal): Promise<void> {
  for (;;) {
    const crd = await client.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name }, { signal });
    const conditions = (crd?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) return;
    await new Promise((r) => setTimeout(r, 100));
    signal.throwIfAborted();
  }
}

/** Creates the case's object (dry run by default); resolves with the server's object or its refusal. */
async function create(c: SpecCase, name: string, dryRun = true): Promise<{ object?: KubeObject; error?: SyncError }> {
  const obj: KubeObject = { apiVersion, kind: c.kind, metadata: { name, namespace: ns }, ...(c.spec === undefined ? {} : { spec: structuredClone(c.spec) }) };
  try {
    return { object: await client.create(obj, { dryRun }) };
  } catch (err) {
    if (!isSyncError(err)) throw err;
    return { error: err };
  }
}

beforeAll(async () => {
  client = await cluster.connect();
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const signal = AbortSignal.timeout(60_000);
  for (const crd of syncprimsCrds().map(inTestGroup)) {
    await client.apply(crd, { fieldManager: 'crd-schema-it', force: true, signal });
  }
  for (const kind of KINDS) await waitEstablished(`${PLURALS[kind]}.${testGroup}`, signal);
  client.invalidateDiscovery();
});

afterAll(async () => {
  if (!client) return;
  await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  for (const kind of KINDS) {
    await client
      .delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `${PLURALS[kind]}.${testGroup}` })
      .catch(() => undefined);
  }
  cluster.close();
});

describe('the real CRDs', () => {
  it('are accepted by the API server as they are (dryRun=All)', async () => {
    for (const crd of syncprimsCrds()) {
      // The real CRDs may be installed already (AlreadyExists would hide validation), so probe under a fresh group.
      const probe = structuredClone(crd) as KubeObject & { spec: { group: string; names: { plural: string } } };
      probe.spec.group = `probe-${suffix}.${GROUP}`;
      probe.metadata = { ...probe.metadata, name: `${probe.spec.names.plural}.probe-${suffix}.${GROUP}` };
      const created = await client.create(probe, { dryRun: true });
      // The server adds defaults (conversion: None) and keeps everything it was given.
      expect((created as { spec?: unknown }).spec).toMatchObject(probe.spec);
    }
  });

  it('differ from the test copies only in group and name', () => {
    for (const crd of syncprimsCrds()) {
      const copy = inTestGroup(crd) as KubeObject & { spec: { group: string } };
      expect({ ...copy, metadata: crd.metadata, spec: { ...copy.spec, group: GROUP } }).toEqual(crd);
    }
  });
});

describe('the server accepts exactly what the codec accepts', () => {
  it.each(SPEC_CASES.map((c, i) => [c.title, c, i] as const))('%s', async (_title, c, i) => {
    const name = `case-${i}`;
    const { object, error } = await create(c, name);
    const codec = decodeSpec(c.kind, { spec: c.spec });
    const serverAccepts = object !== undefined;
    if (c.codecOnly) {
      // A rule the schema cannot state: the codec alone refuses.
      expect(codec.ok).toBe(false);
      expect(serverAccepts, error?.message).toBe(true);
      return;
    }
    expect(serverAccepts, error?.message ?? 'the server accepted it').toBe(codec.ok);
    if (error) {
      expect(error.code).toBe('INVALID');
      return;
    }
    // Accepted: what the server keeps (after pruning) decodes to the same spec, with nothing unknown left.
    const fromServer = decodeSpec(c.kind, object);
    expect(fromServer.ok && fromServer.spec).toEqual(codec.ok && codec.spec);
    expect(fromServer.ok && fromServer.unknownFields).toEqual([]);
  });
});

describe('status subresource', () => {
  const statusOf = (kind: SyncKind) => {
    const now = new Date('2025-02-03T04:05:06Z');
    const conditions = setCondition(
      setCondition([], reconcilingCondition({ reason: 'Progressing', message: 'applying 3 objects', observedGeneration: 1 }), now),
      readyCondition('Unknown', { reason: 'Progressing', message: 'applying 3 objects', observedGeneration: 1 }),
      now,
    );
    const base = {
      observedGeneration: 1,
      conditions,
      inventory: { entries: [{ id: 'apps_Deployment_web_api', v: 'v1' }, { id: '_Namespace__web', v: 'v1' }] },
      lastAppliedRevision: 'sha256:0123',
      lastAttemptedRevision: 'sha256:4567',
      lastHandledRequestedAt: '2025-02-03T04:00:00Z',
      message: 'applying 3 objects',
    };
    return kind === 'ProxySync'
      ? { ...base, remoteObservedGeneration: 4, lastSeenTime: '2025-02-03T04:05:00Z', remote: { cluster: 'fleet/edge-1', namespace: 'apps', name: 'apps' } }
      : base;
  };

  it.each(KINDS.map((k) => [k] as const))('%s keeps a full status as written, and shows it in no spec write', async (kind) => {
    const valid = SPEC_CASES.find((c) => c.kind === kind && c.path === undefined)!;
    const { object, error } = await create(valid, `status-${kind.toLowerCase()}`, false);
    expect(error?.message).toBeUndefined();
    const status = statusOf(kind);
    const written = await client.replaceStatus({ ...object!, status });
    expect(written.status).toEqual(status);
    const read = await client.get({ apiVersion, kind, namespace: ns, name: object!.metadata.name });
    expect(decodeStatus(kind, read)).toEqual({ ok: true, status });
    expect(read?.metadata.generation).toBe(1);
  });

  it('keeps the empty status: empty strings and an empty condition message', async () => {
    const valid = SPEC_CASES.find((c) => c.kind === 'RemoteSync' && c.path === undefined)!;
    const { object } = await create(valid, 'status-empty', false);
    const empty = decodeStatus('RemoteSync', {});
    if (!empty.ok) throw new Error(empty.message);
    const status = {
      ...empty.status,
      conditions: setCondition([], readyCondition('Unknown', { reason: 'Progressing', message: '' }), new Date()),
    };
    const written = await client.replaceStatus({ ...object!, status });
    expect(decodeStatus('RemoteSync', written)).toEqual({ ok: true, status });
  });

  it('refuses a status whose condition has an unknown status value', async () => {
    const valid = SPEC_CASES.find((c) => c.kind === 'Sync' && c.path === undefined)!;
    const { object } = await create(valid, 'status-bad', false);
    const bad = { ...statusOf('Sync'), conditions: [{ ...statusOf('Sync').conditions[0]!, status: 'Maybe' }] };
    expect(decodeStatus('Sync', { status: bad }).ok).toBe(false);
    const err = await client.replaceStatus({ ...object!, status: bad }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isSyncError(err) && err.code).toBe('INVALID');
  });
});

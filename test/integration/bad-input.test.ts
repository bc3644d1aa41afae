/**
 * The bad-input suite (issue 9): a table of bad inputs across manifests, options, custom
 * resource specs, dag definitions and kubeconfig Secrets. Each row asserts its specific error
 * code and message, that no Secret value shows anywhere (messages, stacks, causes, results,
 * events, logs), and that the cluster is unchanged: no mutating request in `result.requests`,
 * a LIST finds no object carrying the sync's ownership label, and no inventory was written.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cluster,
  CycleError,
  DEFAULT_INVENTORY_NAMESPACE,
  OptionsError,
  OWNER_LABEL,
  RemoteSync,
  Source,
  Sync,
  SyncError,
  ValidationError,
  dag,
  decodeSpec,
  ownerLabelValue,
  type KubeClient,
  type Logger,
  type SyncOptions,
  type SyncResult,
  type Syncer,
} from '../../src/index.js';
import { defaultInventoryLocation } from '../../src/apply/inventory-store.js';
import type { OwnerIdentity } from '../../src/apply/owner-identity.js';
import { clusterFor, uniqueName } from './support/clusters.js';
import { fleetInfo } from './fleet-context.js';

const hex = randomBytes(4).toString('hex');
/** A value that stands for Secret data: it must never appear in any message, event or log. */
const SECRET_MARK = `s3cr3t-${hex}-do-not-leak`;
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

let cluster: Cluster;
let client: KubeClient;
let edgeClient: KubeClient;
/** Where the manifest rows put their objects (mgmt), and the RemoteSync rows theirs (edge-1). */
const ns = `bad-${hex}`;
/** The namespace of the kubeconfig Secrets in mgmt. */
const secretNs = `bad-fleet-${hex}`;
let edgeToken: string;
let edgeServer: string;
let edgeCaData: string;
let tmp: string;

/** Everything a row captured from the logger and the events; scanned for Secret values. */
const captured: string[] = [];
const logger: Logger = {
  debug: (m, f) => captured.push(`debug ${m} ${JSON.stringify(f ?? {})}`),
  info: (m, f) => captured.push(`info ${m} ${JSON.stringify(f ?? {})}`),
  warn: (m, f) => captured.push(`warn ${m} ${JSON.stringify(f ?? {})}`),
  error: (m, f) => captured.push(`error ${m} ${JSON.stringify(f ?? {})}`),
};

/** A ConfigMap in `namespace` (`null`: none). */
const cm = (name: string, data: Record<string, unknown> = { k: 'v' }, namespace: string | null = ns) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace === null ? {} : { namespace }) },
  data,
});

/** Every text an error carries: message, stack and the whole cause chain. */
function errorText(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      parts.push(current.message, String(current.stack));
      for (const [k, v] of Object.entries(current)) if (k !== 'cause') parts.push(`${k}=${safeJson(v)}`);
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(safeJson(current));
      break;
    }
  }
  return parts.join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Asserts that no Secret value shows in the result, its error chain, or anything captured. */
function expectNoSecret(secrets: readonly string[], ...things: unknown[]): void {
  const text = [...things.map((t) => (t instanceof Error ? errorText(t) : safeJson(t))), ...captured].join('\n');
  for (const s of secrets) expect(text, 'a Secret value leaked').not.toContain(s);
}

function mutatingRequests(result: SyncResult): number[] {
  return MUTATING.map((m) => result.requests?.[m] ?? 0);
}

/** Objects in `namespace` carrying the ownership label of `owner` (ConfigMaps, Secrets, Services). */
async function ownedObjects(c: KubeClient, owner: OwnerIdentity, namespace: string): Promise<string[]> {
  const labelSelector = `${OWNER_LABEL}=${ownerLabelValue(owner)}`;
  const found: string[] = [];
  for (const kind of ['ConfigMap', 'Secret', 'Service']) {
    const { items } = await c.list('v1', kind, { namespace, labelSelector });
    found.push(...items.map((i) => `${kind}/${i.metadata.name}`));
  }
  return found;
}

/** Asserts the cluster holds nothing of `owner`: no owned object in `namespace`, no inventory. */
async function expectUntouched(c: KubeClient, owner: OwnerIdentity, namespace: string): Promise<void> {
  expect(await ownedObjects(c, owner, namespace)).toEqual([]);
  const inventory = defaultInventoryLocation(owner, DEFAULT_INVENTORY_NAMESPACE);
  expect(await c.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: inventory.namespace, name: inventory.name })).toBeUndefined();
}

beforeAll(async () => {
  cluster = clusterFor('mgmt');
  client = await cluster.connect();
  edgeClient = await clusterFor('edge-1').connect();
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: secretNs } });
  await edgeClient.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const edge = fleetInfo().cluster('edge-1');
  edgeToken = edge.token('admin');
  edgeServer = edge.server;
  edgeCaData = Buffer.from(readFileSync(edge.caFile)).toString('base64');
  tmp = mkdtempSync(join(tmpdir(), 'syncprims-bad-'));
});

afterAll(async () => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  await client?.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  await client?.delete({ apiVersion: 'v1', kind: 'Namespace', name: secretNs }).catch(() => undefined);
  await edgeClient?.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
});

// ---------------------------------------------------------------------------------------------
// Manifests: each row is a full `Sync` pass against the management cluster.

interface ManifestRow {
  readonly title: string;
  /** The source; files rows write their files under a temp folder first. */
  readonly source: () => Source;
  readonly options?: Partial<SyncOptions>;
  readonly code: string;
  /** Words the message must contain (origin, document index, object, field, reason). */
  readonly contains: readonly (string | RegExp)[];
  /** Expected `error.source` fields, when the input has an origin. */
  readonly source_?: { origin?: string; document?: number; field?: string };
  /** Values that must not appear anywhere (besides {@link SECRET_MARK}). */
  readonly secrets?: readonly string[];
  /** Issues expected in `error.issues` (at least this many). @default 1 */
  readonly issues?: number;
}

const yaml = (text: string, origin = 'bad.yaml') => () => Source.yaml(text, origin);
const objects = (objs: unknown[]) => () => Source.objects(objs, 'objects');

const crd = (group: string, version: string) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `gadgets.${group}` },
  spec: {
    group,
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' },
    versions: [{ name: version, served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
});

const MANIFEST_ROWS: readonly ManifestRow[] = [
  {
    title: 'malformed YAML in the second document (origin, document index, line)',
    source: yaml(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n  namespace: ${ns}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n`),
    code: 'INVALID_MANIFEST',
    contains: ['bad.yaml, document 1', 'malformed YAML', /line \d+, column \d+/],
    source_: { origin: 'bad.yaml', document: 1 },
  },
  {
    title: 'malformed YAML holding Secret data is reported without quoting the text',
    source: yaml(`apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: ${ns}\nstringData:\n  password: "${SECRET_MARK}\n  other: [${SECRET_MARK}\n`, 'secret.yaml'),
    code: 'INVALID_MANIFEST',
    contains: ['secret.yaml, document 0', 'malformed YAML'],
    source_: { origin: 'secret.yaml', document: 0 },
  },
  {
    title: 'malformed YAML in a file of a directory (file path and document index)',
    source: () => {
      const dir = join(tmp, 'files-yaml');
      writeManifestFiles(dir, {
        '10-good.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n  namespace: ${ns}\n`,
        '20-broken.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: ${ns}\n---\nkind: ConfigMap\n  bad indent: [\n`,
      });
      return Source.files(dir);
    },
    code: 'INVALID_MANIFEST',
    contains: ['20-broken.yaml, document 1', 'malformed YAML'],
    source_: { document: 1 },
  },
  {
    title: 'malformed JSON file',
    source: () => {
      const dir = join(tmp, 'files-json');
      writeManifestFiles(dir, { 'cm.json': `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j", "namespace": "${ns}"},, }` });
      return Source.files(dir);
    },
    code: 'INVALID_MANIFEST',
    contains: ['cm.json, document 0', 'malformed JSON or YAML'],
    source_: { document: 0 },
  },
  {
    title: 'a source folder that does not exist',
    source: () => Source.files(join(tmp, 'no-such-folder')),
    code: 'INVALID_MANIFEST',
    contains: ['no-such-folder', 'no such file or directory'],
  },
  {
    title: 'missing apiVersion',
    source: objects([{ kind: 'ConfigMap', metadata: { name: 'a', namespace: ns } }]),
    code: 'INVALID_MANIFEST',
    contains: ['objects, document 0', 'ConfigMap', 'apiVersion is required'],
    source_: { origin: 'objects', document: 0, field: 'apiVersion' },
  },
  {
    title: 'missing kind',
    source: yaml(`apiVersion: v1\nmetadata:\n  name: a\n  namespace: ${ns}\n`),
    code: 'INVALID_MANIFEST',
    contains: ['bad.yaml, document 0', 'kind is required'],
    source_: { origin: 'bad.yaml', document: 0, field: 'kind' },
  },
  {
    title: 'missing metadata.name',
    source: objects([cm('ok'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: ns } }]),
    code: 'INVALID_MANIFEST',
    contains: ['objects, document 1', 'metadata.name is required'],
    source_: { origin: 'objects', document: 1, field: 'metadata.name' },
  },
  {
    title: 'no metadata at all',
    source: objects([{ apiVersion: 'v1', kind: 'ConfigMap', data: {} }]),
    code: 'INVALID_MANIFEST',
    contains: ['objects, document 0', 'metadata.name is required'],
  },
  {
    title: 'empty kind',
    source: objects([{ apiVersion: 'v1', kind: '', metadata: { name: 'a', namespace: ns } }]),
    code: 'INVALID_MANIFEST',
    contains: ['kind', 'must not be empty'],
  },
  {
    title: 'apiVersion with too many slashes',
    source: objects([{ apiVersion: 'apps/v1/extra', kind: 'Deployment', metadata: { name: 'a', namespace: ns } }]),
    code: 'INVALID_MANIFEST',
    contains: ['apiVersion', '"group/version"'],
  },
  {
    title: 'name with capitals and an underscore',
    source: objects([cm('Bad_Name')]),
    code: 'INVALID_NAME',
    contains: ['ConfigMap', 'metadata.name', 'DNS-1123 subdomain'],
    source_: { field: 'metadata.name' },
  },
  {
    title: 'name longer than 253 characters',
    source: objects([cm('a'.repeat(254))]),
    code: 'INVALID_NAME',
    contains: ['metadata.name', 'at most 253'],
  },
  {
    title: 'Namespace name with a dot (must be a DNS-1123 label)',
    source: objects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `web.${hex}` } }, cm('ok')]),
    code: 'INVALID_NAME',
    contains: [`Namespace web.${hex}`, 'DNS-1123 label'],
  },
  {
    title: 'invalid metadata.namespace',
    source: objects([cm('a', {}, 'Bad_Namespace')]),
    code: 'INVALID_NAME',
    contains: ['metadata.namespace', 'DNS-1123 label'],
  },
  {
    title: 'CRD whose name is not <plural>.<group>',
    source: objects([{ ...crd(`g${hex}.example.com`, 'v1'), metadata: { name: 'gadgets' } }]),
    code: 'INVALID_NAME',
    contains: ['CustomResourceDefinition gadgets', '<spec.names.plural>.<spec.group>'],
  },
  {
    title: 'the same object twice',
    source: yaml(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice, namespace: ${ns}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice, namespace: ${ns}}\n`, 'dup.yaml'),
    code: 'DUPLICATE_OBJECT',
    contains: ['dup.yaml, document 1', 'twice', 'defined twice', 'also at dup.yaml, document 0'],
    source_: { origin: 'dup.yaml', document: 1 },
  },
  {
    title: 'duplicates after targetNamespace puts two objects into one namespace',
    source: objects([cm('same', {}, 'one'), cm('same', {}, 'two')]),
    options: { targetNamespace: ns },
    code: 'DUPLICATE_OBJECT',
    contains: [`ConfigMap ${ns}/same`, 'defined twice'],
  },
  {
    title: 'namespaced object without namespace and no targetNamespace',
    source: objects([cm('ok'), cm('nowhere', {}, null)]),
    code: 'MISSING_NAMESPACE',
    contains: ['objects, document 1', 'ConfigMap nowhere', 'metadata.namespace', 'no targetNamespace'],
    source_: { field: 'metadata.namespace' },
  },
  {
    title: 'unknown kind',
    source: objects([cm('ok'), { apiVersion: `nope${hex}.example.com/v1`, kind: 'Gizmo', metadata: { name: 'g', namespace: ns } }]),
    code: 'UNKNOWN_KIND',
    contains: ['Gizmo', 'not served by the cluster', 'no CustomResourceDefinition in the set defines it'],
  },
  {
    title: 'custom resource at a version its CRD in the same set does not serve',
    source: objects([crd(`g${hex}.example.com`, 'v1'), { apiVersion: `g${hex}.example.com/v2`, kind: 'Gadget', metadata: { name: 'g', namespace: ns } }]),
    code: 'UNKNOWN_KIND',
    contains: ['Gadget', 'serves it only at v1'],
  },
  {
    title: 'List with a bad item (item index named)',
    source: yaml(`apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: first, namespace: ${ns}}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {namespace: ${ns}}}\n`, 'list.yaml'),
    code: 'INVALID_MANIFEST',
    contains: ['list.yaml, document 0, item 1', 'metadata.name is required'],
  },
  {
    title: 'List whose items is not a list',
    source: yaml('apiVersion: v1\nkind: List\nitems: {a: 1}\n', 'list.yaml'),
    code: 'INVALID_MANIFEST',
    contains: ['list.yaml, document 0', 'items must be a list'],
  },
  {
    title: 'a document that is a list of strings, not an object',
    source: yaml('- just\n- strings\n'),
    code: 'INVALID_MANIFEST',
    contains: ['bad.yaml, document 0', 'expected a mapping'],
  },
  {
    title: 'Secret with non-base64 data: the value is not in the message',
    source: objects([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: ns }, data: { password: `${SECRET_MARK}!` } }]),
    code: 'INVALID_MANIFEST',
    contains: [`Secret ${ns}/creds`, 'data.password', 'valid base64'],
    source_: { field: 'data.password' },
  },
  {
    title: 'Secret stringData value of the wrong type: the value is not in the message',
    source: objects([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: ns }, stringData: { token: [SECRET_MARK] } }]),
    code: 'INVALID_MANIFEST',
    contains: ['stringData.token', 'must be a string, got a list'],
  },
  {
    title: 'ConfigMap data value that is a number',
    source: yaml(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nums, namespace: ${ns}}\ndata:\n  replicas: 3\n`),
    code: 'INVALID_MANIFEST',
    contains: ['data.replicas', 'must be a string, got a number'],
  },
  {
    title: 'label value with a space',
    source: objects([{ ...cm('labelled'), metadata: { name: 'labelled', namespace: ns, labels: { team: 'web team' } } }]),
    code: 'INVALID_MANIFEST',
    contains: ['metadata.labels.team'],
  },
  {
    title: 'several problems are all listed, the first one sets the code',
    source: objects([cm('Bad_One'), cm('nowhere', {}, null), { kind: 'ConfigMap', metadata: { name: 'x', namespace: ns } }]),
    code: 'INVALID_NAME',
    contains: ['3 problems in the desired set', 'INVALID_NAME', 'MISSING_NAMESPACE', 'INVALID_MANIFEST'],
    issues: 3,
  },
];

function writeManifestFiles(dir: string, files: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

describe('bad manifests: a clear error, and not one write', () => {
  it.each(MANIFEST_ROWS.map((r) => [r.title, r] as const))('%s', async (_title, row) => {
    captured.length = 0;
    const name = uniqueName('bad');
    const sync = new Sync({ name, cluster, source: row.source(), logger, ...row.options });
    const events: unknown[] = [];
    sync.on('failed', (r) => events.push(r));
    sync.on('applied', (e) => events.push(e));
    const result = await sync.sync();

    expect(result.state).toBe('failed');
    expect(result.ready).toBe(false);
    expect(result.changes).toEqual([]);
    const error = result.error;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.code).toBe(row.code);
    expect(error?.retryable).toBe(false);
    for (const part of row.contains) {
      if (typeof part === 'string') expect(error?.message).toContain(part);
      else expect(error?.message).toMatch(part);
    }
    if (row.source_) expect(error?.source).toMatchObject(row.source_);
    const issues = (error as ValidationError).issues;
    expect(issues.length).toBeGreaterThanOrEqual(row.issues ?? 1);
    expect(issues[0]?.code).toBe(row.code);
    expect(result.message).toBe(`invalid desired set: ${error?.message}`);
    expect(events).toHaveLength(1); // one `failed` event, no `applied`

    expectNoSecret([SECRET_MARK, ...(row.secrets ?? [])], result, error, events);
    expect(mutatingRequests(result)).toEqual([0, 0, 0, 0]);
    await expectUntouched(client, { kind: 'Sync', name }, ns);
  });

  it('leaves nothing behind in the namespace the rows wrote to', async () => {
    // Belt and braces over the per-row checks: no object the rows named exists, labelled or not.
    const { items } = await client.list('v1', 'ConfigMap', { namespace: ns });
    expect(items.map((i) => i.metadata.name).filter((n) => n !== 'kube-root-ca.crt')).toEqual([]);
    const secrets = await client.list('v1', 'Secret', { namespace: ns });
    expect(secrets.items.filter((s) => (s as { type?: string }).type !== 'kubernetes.io/service-account-token').map((s) => s.metadata.name)).toEqual([]);
    expect(await client.get({ apiVersion: 'v1', kind: 'Namespace', name: `web.${hex}` })).toBeUndefined();
    expect(await client.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `gadgets.g${hex}.example.com` })).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Options: thrown synchronously by the constructor, before anything can touch a cluster.

interface OptionsRow {
  readonly title: string;
  readonly make: () => unknown;
  readonly contains: readonly string[];
}

const someSource = (): Source => Source.objects([cm('never')]);

const OPTIONS_ROWS: readonly OptionsRow[] = [
  { title: 'Sync name with capitals', make: () => new Sync({ name: 'Bad_Name', cluster, source: someSource() }), contains: ['`name`', 'DNS-1123'] },
  { title: 'Sync with an empty name', make: () => new Sync({ name: '', cluster, source: someSource() }), contains: ['`name`'] },
  { title: 'Sync name longer than 200', make: () => new Sync({ name: 'a'.repeat(201), cluster, source: someSource() }), contains: ['`name`', 'at most 200'] },
  { title: 'timeout of zero', make: () => new Sync({ name: 'ok', cluster, source: someSource(), timeout: 0 }), contains: ['`timeout`', 'positive'] },
  { title: 'timeout NaN', make: () => new Sync({ name: 'ok', cluster, source: someSource(), timeout: Number.NaN }), contains: ['`timeout`'] },
  { title: 'negative timeout', make: () => new Sync({ name: 'ok', cluster, source: someSource(), timeout: -5 }), contains: ['`timeout`'] },
  { title: 'concurrency of zero', make: () => new Sync({ name: 'ok', cluster, source: someSource(), concurrency: 0 }), contains: ['`concurrency`', 'integer >= 1'] },
  { title: 'fractional concurrency', make: () => new Sync({ name: 'ok', cluster, source: someSource(), concurrency: 1.5 }), contains: ['`concurrency`'] },
  { title: 'no cluster', make: () => new Sync({ name: 'ok', cluster: undefined as unknown as Cluster, source: someSource() }), contains: ['`cluster`', 'must be a Cluster'] },
  { title: 'a kubeconfig path instead of a cluster', make: () => new Sync({ name: 'ok', cluster: '/root/.kube/config' as unknown as Cluster, source: someSource() }), contains: ['`cluster`'] },
  { title: 'no source', make: () => new Sync({ name: 'ok', cluster, source: undefined as unknown as Source }), contains: ['`source`', 'must be a Source'] },
  { title: 'a YAML string instead of a source', make: () => new Sync({ name: 'ok', cluster, source: 'kind: ConfigMap' as unknown as Source }), contains: ['`source`'] },
  { title: 'empty fieldManager', make: () => new Sync({ name: 'ok', cluster, source: someSource(), fieldManager: '' }), contains: ['`fieldManager`'] },
  { title: 'RemoteSync with a bad name', make: () => new RemoteSync({ name: 'Edge 1', cluster, source: someSource() }), contains: ['RemoteSync', '`name`'] },
  { title: 'dependsOn that is not a list', make: () => new Sync({ name: 'ok', cluster, source: someSource(), dependsOn: {} as unknown as Syncer[] }), contains: ['`dependsOn`'] },
  { title: 'Cluster.fromSecret without a Secret name', make: () => Cluster.fromSecret(cluster, { namespace: secretNs, name: '' }), contains: ['Cluster.fromSecret', '`name`'] },
  { title: 'Cluster.fromKubeconfig with both path and yaml', make: () => Cluster.fromKubeconfig({ path: '/x', yaml: 'y' }), contains: ['`path` or `yaml`'] },
  { title: 'Source.yaml of something that is not text', make: () => Source.yaml(42 as unknown as string), contains: ['Source.yaml', '`text`'] },
  { title: 'dag concurrency of zero', make: () => dag(plain('a'), { concurrency: 0 }), contains: ['`concurrency`'] },
];

describe('bad options: OptionsError thrown synchronously', () => {
  it.each(OPTIONS_ROWS.map((r) => [r.title, r] as const))('%s', (_title, row) => {
    let thrown: unknown;
    let returned: unknown;
    try {
      returned = row.make();
    } catch (err) {
      thrown = err;
    }
    // Thrown at once, not a rejected promise later.
    expect(returned).toBeUndefined();
    expect(thrown).toBeInstanceOf(OptionsError);
    const err = thrown as OptionsError;
    expect(err.code).toBe('INVALID_OPTIONS');
    expect(err.retryable).toBe(false);
    for (const part of row.contains) expect(err.message).toContain(part);
  });
});

// ---------------------------------------------------------------------------------------------
// Custom resource specs: `decodeSpec` names the field path; nothing is written anywhere.

interface SpecRow {
  readonly title: string;
  readonly kind: 'Sync' | 'RemoteSync' | 'ProxySync';
  readonly spec: unknown;
  readonly path: string;
  readonly contains: string;
}

const cmRef = { configMapRefs: [{ name: 'app' }] };
const SPEC_ROWS: readonly SpecRow[] = [
  { title: 'no spec', kind: 'Sync', spec: undefined, path: 'spec', contains: 'required' },
  { title: 'no source', kind: 'Sync', spec: { interval: '5m' }, path: 'spec.source', contains: 'required' },
  { title: 'inline object without kind', kind: 'Sync', spec: { source: { inline: [cm('a'), { apiVersion: 'v1', metadata: { name: 'x' } }] } }, path: 'spec.source.inline[1].kind', contains: 'required' },
  { title: 'interval in days', kind: 'Sync', spec: { source: cmRef, interval: '1d' }, path: 'spec.interval', contains: 'duration' },
  { title: 'targetNamespace with capitals', kind: 'Sync', spec: { source: cmRef, targetNamespace: 'Web_1' }, path: 'spec.targetNamespace', contains: 'DNS-1123 label' },
  { title: 'dependsOn of a foreign kind', kind: 'Sync', spec: { source: cmRef, dependsOn: [{ kind: 'Kustomization', name: 'a' }] }, path: 'spec.dependsOn[0].kind', contains: 'one of Sync, RemoteSync, ProxySync' },
  { title: 'prune as a string', kind: 'Sync', spec: { source: cmRef, prune: 'yes' }, path: 'spec.prune', contains: 'true or false' },
  { title: 'RemoteSync without kubeConfig', kind: 'RemoteSync', spec: { source: cmRef }, path: 'spec.kubeConfig', contains: 'required' },
  { title: 'ProxySync template without source', kind: 'ProxySync', spec: { kubeConfig: { secretRef: { name: 'edge' } }, template: { spec: { interval: '1m' } } }, path: 'spec.template.spec.source', contains: 'required' },
];

describe('bad custom resource specs: decodeSpec names the field', () => {
  it.each(SPEC_ROWS.map((r) => [r.title, r] as const))('%s', (_title, row) => {
    const decoded = decodeSpec(row.kind, { apiVersion: 'syncprims.dev/v1alpha1', kind: row.kind, metadata: { name: 'x', namespace: 'default' }, spec: row.spec });
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.path).toBe(row.path);
    expect(decoded.message).toContain(row.contains);
    expect(decoded.issues[0]).toEqual({ path: row.path, message: decoded.message });
  });

  it('an unknown kind is a programming error (OptionsError)', () => {
    expect(() => decodeSpec('Kustomization' as 'Sync', { spec: {} })).toThrow(OptionsError);
  });
});

// ---------------------------------------------------------------------------------------------
// dag definitions: refused at construction (or, for a graph mutated later, before any write).

function plain(name: string, dependsOn: Syncer[] = []): Syncer & { dependsOn: Syncer[] } {
  return {
    name,
    dependsOn,
    async sync(): Promise<SyncResult> {
      return { name, ready: true, state: 'ready', changes: [], revision: '', message: 'ok', durationMs: 0 };
    },
  };
}

describe('bad dag definitions', () => {
  it('a cycle through a Sync is refused at construction with its path, and nothing is written', async () => {
    const gate = plain('gate');
    const name = uniqueName('cyc');
    const app = new Sync({ name, cluster, source: Source.objects([cm('cycle-cm')]), dependsOn: [gate] });
    gate.dependsOn.push(app);
    let thrown: unknown;
    try {
      dag(app);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(CycleError);
    expect((thrown as CycleError).code).toBe('DEPENDENCY_CYCLE');
    expect((thrown as CycleError).message).toBe(`dependency cycle: ${name} -> gate -> ${name}`);
    expect((thrown as CycleError).cycle).toEqual([name, 'gate', name]);
    await expectUntouched(client, { kind: 'Sync', name }, ns);
  });

  it('a self-dependency is a cycle of one', () => {
    const self = plain('self');
    self.dependsOn.push(self);
    expect(() => dag(self)).toThrow(expect.objectContaining({ code: 'DEPENDENCY_CYCLE', message: 'dependency cycle: self -> self' }));
  });

  it('two different syncers with the same name are refused, naming where each was reached', () => {
    const a = new Sync({ name: 'twin', cluster, source: someSource() });
    const b = new Sync({ name: 'twin', cluster, source: someSource() });
    let thrown: unknown;
    try {
      dag(a, plain('other', [b]));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(OptionsError);
    expect((thrown as OptionsError).message).toContain('two different syncers are named "twin"');
    expect((thrown as OptionsError).message).toContain('argument 1');
    expect((thrown as OptionsError).message).toContain('dependsOn[0] of "other"');
  });

  it('something that is not a syncer in dependsOn is refused', () => {
    expect(() => dag(plain('a', [{ name: 'b' } as unknown as Syncer]))).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining('`sync` must be a function') }));
  });

  it('a cycle made after construction rejects sync() before any write', async () => {
    const gate = plain('late-gate');
    const name = uniqueName('late');
    const app = new Sync({ name, cluster, source: Source.objects([cm('late-cm')]), dependsOn: [gate] });
    const flow = dag(app);
    gate.dependsOn.push(app);
    await expect(flow.sync()).rejects.toThrow(CycleError);
    await expect(flow.sync()).rejects.toMatchObject({ message: `dependency cycle: ${name} -> late-gate -> ${name}` });
    await expectUntouched(client, { kind: 'Sync', name }, ns);
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'late-cm' })).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Kubeconfig Secrets: each row is a `RemoteSync` pass to edge-1 through a Secret in mgmt.

interface KubeconfigRow {
  readonly title: string;
  /** The Secret's data (string values, stored as stringData); `undefined`: no Secret at all. */
  readonly data?: () => Record<string, string>;
  readonly key?: string;
  readonly code: string;
  readonly retryable: boolean;
  readonly contains: readonly string[];
  /** Values that must not appear (the edge token and {@link SECRET_MARK} always count). */
  readonly secrets?: () => readonly string[];
}

type KubeconfigUser = Record<string, unknown>;

/** A kubeconfig for edge-1 (server, CA data) with `user` and optional changes to the document. */
function kubeconfig(user: KubeconfigUser, change: (doc: Record<string, unknown>) => void = () => {}): string {
  const doc: Record<string, unknown> = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'edge', cluster: { server: edgeServer, 'certificate-authority-data': edgeCaData } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'edge', context: { cluster: 'edge', user: 'u' } }],
    'current-context': 'edge',
  };
  change(doc);
  return JSON.stringify(doc, null, 2);
}

const withToken = (): KubeconfigUser => ({ token: edgeToken });

const KUBECONFIG_ROWS: readonly KubeconfigRow[] = [
  { title: 'the Secret does not exist', code: 'SECRET_NOT_FOUND', retryable: true, contains: ['not found', 'Secret'] },
  {
    title: 'the Secret has none of the default keys',
    data: () => ({ config: kubeconfig(withToken()), other: SECRET_MARK }),
    code: 'SECRET_KEY_MISSING',
    retryable: false,
    contains: ['has no key "value", "value.yaml", "kubeconfig"', 'keys present: config, other'],
  },
  {
    title: 'the Secret lacks the key named in the ref',
    data: () => ({ value: kubeconfig(withToken()) }),
    key: 'custom.yaml',
    code: 'SECRET_KEY_MISSING',
    retryable: false,
    contains: ['has no key "custom.yaml"', 'keys present: value'],
  },
  {
    title: 'the key is empty',
    data: () => ({ value: '' }),
    code: 'KUBECONFIG_INVALID',
    retryable: false,
    contains: ['key "value" is empty'],
  },
  {
    title: 'not YAML at all (no quoting of the text)',
    data: () => ({ value: `token: "${SECRET_MARK}\nusers: [${SECRET_MARK}\n` }),
    code: 'KUBECONFIG_INVALID',
    retryable: false,
    contains: ['not valid YAML', 'line'],
  },
  {
    title: 'YAML that is not a kubeconfig (field path named)',
    data: () => ({ value: kubeconfig({ token: [SECRET_MARK] }) }),
    code: 'KUBECONFIG_INVALID',
    retryable: false,
    contains: ['not a kubeconfig', 'users[0].user.token: expected string'],
  },
  {
    title: 'a kubeconfig of the wrong kind',
    data: () => ({ value: `kind: Pod\nmetadata: {name: ${SECRET_MARK}}\n` }),
    code: 'KUBECONFIG_INVALID',
    retryable: false,
    contains: ['not a kubeconfig', 'kind: expected "Config"'],
  },
  {
    title: 'no current-context',
    data: () => ({ value: kubeconfig(withToken(), (d) => delete d['current-context']) }),
    code: 'KUBECONFIG_INVALID',
    retryable: false,
    contains: ['no current context', 'contexts: edge'],
  },
  {
    title: 'current-context names a missing context',
    data: () => ({ value: kubeconfig(withToken(), (d) => (d['current-context'] = 'elsewhere')) }),
    code: 'KUBECONFIG_INVALID',
    retryable: false,
    contains: ['context "elsewhere" not found'],
  },
  {
    title: 'an exec plugin',
    data: () => ({ value: kubeconfig({ token: edgeToken, exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: '/bin/sh', args: ['-c', `echo ${SECRET_MARK}`] } }) }),
    code: 'KUBECONFIG_NOT_ALLOWED',
    retryable: false,
    contains: ['users[0].user.exec', 'runs a local command', 'allowExec'],
  },
  {
    title: 'an auth-provider plugin',
    data: () => ({ value: kubeconfig({ 'auth-provider': { name: 'oidc', config: { 'id-token': SECRET_MARK } } }) }),
    code: 'KUBECONFIG_NOT_ALLOWED',
    retryable: false,
    contains: ['users[0].user.auth-provider', 'allowExec'],
  },
  {
    title: 'a tokenFile',
    data: () => ({ value: kubeconfig({ tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token' }) }),
    code: 'KUBECONFIG_NOT_ALLOWED',
    retryable: false,
    contains: ['users[0].user.tokenFile', 'references a local file', 'allowFileRefs'],
  },
  {
    title: 'a client-key path',
    data: () => ({ value: kubeconfig({ 'client-certificate-data': Buffer.from('cert').toString('base64'), 'client-key': '/etc/kubernetes/pki/admin.key' }) }),
    code: 'KUBECONFIG_NOT_ALLOWED',
    retryable: false,
    contains: ['users[0].user.client-key', 'allowFileRefs'],
  },
  {
    title: 'a certificate-authority path',
    data: () => ({ value: kubeconfig(withToken(), (d) => (d['clusters'] = [{ name: 'edge', cluster: { server: edgeServer, 'certificate-authority': '/etc/ca.crt' } }])) }),
    code: 'KUBECONFIG_NOT_ALLOWED',
    retryable: false,
    contains: ['clusters[0].cluster.certificate-authority', 'allowFileRefs'],
  },
  {
    title: 'a token the remote cluster refuses (401)',
    data: () => ({ value: kubeconfig({ token: SECRET_MARK }) }),
    code: 'UNAUTHORIZED',
    retryable: false,
    contains: ['unauthorized', 'credentials were not accepted'],
  },
  {
    title: 'credentials RBAC does not allow (403 names the verb and resource)',
    data: () => ({ value: kubeconfig({ token: fleetInfo().cluster('edge-1').token('restricted') }) }),
    code: 'FORBIDDEN',
    retryable: false,
    contains: ['configmaps'],
    secrets: () => [fleetInfo().cluster('edge-1').token('restricted')],
  },
];

describe('bad kubeconfig Secrets: each its code from a RemoteSync pass, nothing written, nothing leaked', () => {
  it.each(KUBECONFIG_ROWS.map((r) => [r.title, r] as const))('%s', async (_title, row) => {
    captured.length = 0;
    const secretName = uniqueName('kc');
    if (row.data) {
      await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: secretName, namespace: secretNs }, type: 'Opaque', stringData: row.data() });
    }
    const name = uniqueName('remote');
    const edge = Cluster.fromSecret(cluster, { namespace: secretNs, name: secretName, ...(row.key ? { key: row.key } : {}) }, { logger, connectTimeoutMs: 5_000 });
    const sync = new RemoteSync({ name, cluster: edge, source: Source.objects([cm('remote-cm', { k: 'v' })]), logger });
    const events: unknown[] = [];
    sync.on('failed', (r) => events.push(r));
    sync.on('warning', (w) => events.push(w));
    sync.on('applied', (e) => events.push(e));
    const result = await sync.sync({ signal: AbortSignal.timeout(60_000) });

    expect(result.state).toBe('failed');
    expect(result.error).toBeInstanceOf(SyncError);
    expect(result.error?.code).toBe(row.code);
    expect(result.error?.retryable).toBe(row.retryable);
    for (const part of row.contains) expect(result.error?.message).toContain(part);
    // Problems with the Secret itself name it; the API server's refusals name the request.
    if (row.code !== 'UNAUTHORIZED' && row.code !== 'FORBIDDEN') expect(result.error?.message).toContain(`${secretNs}/${secretName}`);
    expect(result.changes.filter((c) => c.action !== 'skipped')).toEqual([]);

    expectNoSecret([SECRET_MARK, edgeToken, ...(row.secrets?.() ?? [])], result, result.error, events);
    expect(mutatingRequests(result)).toEqual([0, 0, 0, 0]);
    // Nothing in edge-1: no object, no inventory (the identity needs the management scope).
    const { items } = await edgeClient.list('v1', 'ConfigMap', { namespace: ns });
    expect(items.map((i) => i.metadata.name)).not.toContain('remote-cm');
    const inventories = await edgeClient.list('v1', 'ConfigMap', { namespace: DEFAULT_INVENTORY_NAMESPACE, labelSelector: 'syncprims.dev/inventory=true' });
    expect(inventories.items.map((i) => i.metadata.name).filter((n) => n.includes(name))).toEqual([]);
  });
});

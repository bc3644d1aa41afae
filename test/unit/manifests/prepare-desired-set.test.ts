import { describe, expect, it, vi } from 'vitest';
import {
  OptionsError,
  prepareDesiredSet,
  Source,
  SyncError,
  type Logger,
  type Manifest,
  type PrepareOptions,
} from '../../../src/index.js';
import { expectValidationError } from './expect-validation-error.js';

const prepareYaml = async (text: string, options: PrepareOptions = {}, origin = 'app.yaml') =>
  prepareDesiredSet(await Source.yaml(text, origin).load(), options);

const cm = (name: string, ns = 'web', extra = ''): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${extra}`;

const widgetCrd = (served = true, scope = 'Namespaced', name = 'widgets.example.com'): string => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${name}
spec:
  group: example.com
  scope: ${scope}
  names: {kind: Widget, plural: widgets}
  versions:
    - {name: v1, served: ${served}, storage: true}
`;

describe('prepareDesiredSet: valid sets', () => {
  it('returns the objects in input order with refs, origins and scope', async () => {
    const set = await prepareYaml(`${cm('a')}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n`);
    expect(set.objects.map((o) => [o.ref, o.namespaced, o.origin.document])).toEqual([
      [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'web', name: 'a' }, true, 0],
      [{ apiVersion: 'v1', kind: 'Namespace', name: 'web' }, false, 1],
    ]);
    expect(set.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('accepts an empty set', async () => {
    const set = await prepareDesiredSet([]);
    expect(set.objects).toEqual([]);
    expect(set.revision).toMatch(/^sha256:/);
  });

  it('sets targetNamespace on every namespaced object, overriding, and leaves cluster-scoped ones alone', async () => {
    const set = await prepareYaml(
      `${cm('a', 'other')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "system:reader"}\n`,
      { targetNamespace: 'tenant-1' },
    );
    expect(set.objects.map((o) => o.object.metadata.namespace)).toEqual(['tenant-1', 'tenant-1', undefined]);
    expect(set.objects[1]?.ref.namespace).toBe('tenant-1');
  });

  it('drops metadata.namespace of cluster-scoped objects (like kubectl) and logs it at debug level', async () => {
    const debug = vi.fn();
    const logger: Logger = { debug, info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const set = await prepareYaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: web, namespace: default}\n', { logger });
    expect(set.objects[0]?.object.metadata).toEqual({ name: 'web' });
    expect(set.objects[0]?.ref).toEqual({ apiVersion: 'v1', kind: 'Namespace', name: 'web' });
    expect(debug).toHaveBeenCalledWith('dropped metadata.namespace of a cluster-scoped object', { ref: 'Namespace web', origin: 'app.yaml, document 0 (line 1)' });
  });

  it('removes server-set metadata and null labels, keeping everything else', async () => {
    const text = cm('a', 'web', 'data: {k: v}\n').replace(
      'metadata:\n',
      'metadata:\n  uid: 123\n  resourceVersion: "9"\n  creationTimestamp: null\n  managedFields: []\n  labels: null\n',
    );
    const set = await prepareYaml(text);
    expect(set.objects[0]?.object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'web' }, data: { k: 'v' } });
  });

  it('knows kinds defined by a CRD in the same set without asking the cluster', async () => {
    const resolveScope = vi.fn(async (_apiVersion: string, kind: string) => (kind === 'CustomResourceDefinition' ? ('Cluster' as const) : undefined));
    const set = await prepareYaml(`apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: web}\n---\n${widgetCrd()}`, { resolveScope });
    expect(set.objects.map((o) => [o.ref.kind, o.namespaced])).toEqual([
      ['Widget', true],
      ['CustomResourceDefinition', false],
    ]);
    expect(resolveScope.mock.calls.map((c) => c[1])).toEqual(['CustomResourceDefinition']);
  });

  it('uses the scope of a cluster-scoped CRD in the set', async () => {
    const set = await prepareYaml(`${widgetCrd(true, 'Cluster')}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: ignored}\n`);
    expect(set.objects[1]?.ref).toEqual({ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' });
  });

  it('asks resolveScope once per apiVersion and kind, with the signal', async () => {
    const signal = new AbortController().signal;
    const resolveScope = vi.fn(async () => 'Namespaced' as const);
    await prepareYaml(`${cm('a')}---\n${cm('b')}---\n${cm('c')}`, { resolveScope, signal });
    expect(resolveScope).toHaveBeenCalledTimes(1);
    expect(resolveScope).toHaveBeenCalledWith('v1', 'ConfigMap', { signal });
  });

  it('accepts RBAC names with colons (path segments) and long subdomain names', async () => {
    const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.example`;
    const set = await prepareYaml(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "system:aggregate-to-view"}\n---\n${cm(long)}`);
    expect(set.objects).toHaveLength(2);
  });

  it('accepts objects from a user-implemented source, falling back to a positional origin', async () => {
    const manifests = [{ object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } } }] as unknown as Manifest[];
    const set = await prepareDesiredSet(manifests);
    expect(set.objects[0]?.origin).toEqual({ origin: 'manifests', document: 0 });
  });
});

describe('prepareDesiredSet: bad input gives a clear, typed error', () => {
  it('missing apiVersion -> INVALID_MANIFEST naming file, document, object and field', async () => {
    const err = await expectValidationError(prepareYaml(`${cm('ok')}---\nkind: ConfigMap\nmetadata: {name: a, namespace: web}\n`, {}, 'deploy/app.yaml'));
    expect(err.code).toBe('INVALID_MANIFEST');
    expect(err.message).toBe('deploy/app.yaml, document 1 (line 7), ConfigMap web/a: apiVersion is required');
    expect(err.source).toEqual({ origin: 'deploy/app.yaml', document: 1, field: 'apiVersion' });
  });

  it('empty kind -> INVALID_MANIFEST', async () => {
    const err = await expectValidationError(prepareYaml('apiVersion: v1\nkind: ""\nmetadata: {name: a}\n'));
    expect(err.code).toBe('INVALID_MANIFEST');
    expect(err.message).toBe('app.yaml, document 0 (line 1), (no kind) a: kind must not be empty');
  });

  it('missing metadata.name -> INVALID_MANIFEST', async () => {
    const err = await expectValidationError(prepareYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: web}\n'));
    expect(err.code).toBe('INVALID_MANIFEST');
    expect(err.message).toBe('app.yaml, document 0 (line 1), ConfigMap (no name): metadata.name is required');
    expect(err.issues[0]?.source?.field).toBe('metadata.name');
  });

  it('missing metadata altogether -> names metadata.name', async () => {
    const err = await expectValidationError(prepareYaml('apiVersion: v1\nkind: ConfigMap\n'));
    expect(err.message).toBe('app.yaml, document 0 (line 1), ConfigMap (no name): metadata.name is required');
  });

  it('metadata that is not a mapping -> INVALID_MANIFEST on metadata', async () => {
    const err = await expectValidationError(prepareYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: [a]\n'));
    expect(err.issues.map((i) => i.message)).toEqual(['app.yaml, document 0 (line 1), ConfigMap (no name): metadata must be a mapping, got a list']);
  });

  it('label values that are not strings -> INVALID_MANIFEST with the label path', async () => {
    const err = await expectValidationError(prepareYaml(cm('a', 'web', '').replace('  namespace: web\n', '  namespace: web\n  labels: {app: web, version: 1.5, app.kubernetes.io/part-of: true}\n')));
    expect(err.issues.map((i) => i.message)).toEqual([
      'app.yaml, document 0 (line 1), ConfigMap web/a: metadata.labels.version must be a string, got a number',
      'app.yaml, document 0 (line 1), ConfigMap web/a: metadata.labels["app.kubernetes.io/part-of"] must be a string, got a boolean',
    ]);
    expect(err.message).toMatch(/^2 problems in the desired set:\n {2}- INVALID_MANIFEST: .*metadata\.labels\.version/);
  });

  it('invalid label values and keys -> INVALID_MANIFEST', async () => {
    const err = await expectValidationError(prepareYaml(cm('a', 'web').replace('  namespace: web\n', '  namespace: web\n  labels: {"bad key": x, ok: "-dash-"}\n')));
    expect(err.issues.map((i) => i.source?.field)).toEqual(['metadata.labels["bad key"]', 'metadata.labels.ok']);
    expect(err.issues[0]?.message).toContain('has an invalid key');
    expect(err.issues[1]?.message).toContain('must be a valid label value');
  });

  it('malformed apiVersion -> INVALID_MANIFEST', async () => {
    const err = await expectValidationError(prepareYaml('apiVersion: apps/v1/extra\nkind: Deployment\nmetadata: {name: a, namespace: web}\n'));
    expect(err.message).toBe('app.yaml, document 0 (line 1), Deployment web/a: apiVersion must be "version" or "group/version", e.g. "v1" or "apps/v1"');
  });

  it('ConfigMap data that is not a string -> INVALID_MANIFEST naming the key', async () => {
    const err = await expectValidationError(prepareYaml(cm('a', 'web', 'data:\n  replicas: 3\n')));
    expect(err.message).toBe('app.yaml, document 0 (line 1), ConfigMap web/a: data.replicas must be a string, got a number');
  });

  it('invalid name for a subdomain kind -> INVALID_NAME', async () => {
    const err = await expectValidationError(prepareYaml(cm('Web_Config')));
    expect(err.code).toBe('INVALID_NAME');
    expect(err.message).toMatch(/^app\.yaml, document 0 \(line 1\), ConfigMap web\/Web_Config: metadata\.name must be a DNS-1123 subdomain/);
    expect(err.ref).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'web', name: 'Web_Config' });
  });

  it('a dotted name for a Namespace or a Service (DNS label kinds) -> INVALID_NAME', async () => {
    const err = await expectValidationError(
      prepareYaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: web.prod}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: a.b, namespace: web}\n'),
    );
    expect(err.issues.map((i) => [i.code, i.source?.document, i.source?.field])).toEqual([
      ['INVALID_NAME', 0, 'metadata.name'],
      ['INVALID_NAME', 1, 'metadata.name'],
    ]);
    expect(err.issues[0]?.message).toContain('Namespace web.prod: metadata.name must be a DNS-1123 label');
  });

  it('a name too long for its rule -> INVALID_NAME', async () => {
    const err = await expectValidationError(prepareYaml(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${'a'.repeat(64)}}\n`));
    expect(err.code).toBe('INVALID_NAME');
  });

  it('an RBAC name with a slash -> INVALID_NAME', async () => {
    const err = await expectValidationError(prepareYaml('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "a/b"}\n'));
    expect(err.message).toContain('metadata.name may not contain "/" or "%"');
  });

  it('a namespace that is not a DNS label -> INVALID_NAME on metadata.namespace', async () => {
    const err = await expectValidationError(prepareYaml(cm('a', 'Web.Prod')));
    expect(err.code).toBe('INVALID_NAME');
    expect(err.source?.field).toBe('metadata.namespace');
    expect(err.message).toContain('ConfigMap Web.Prod/a: metadata.namespace must be a DNS-1123 label');
  });

  it('duplicates -> DUPLICATE_OBJECT naming both origins', async () => {
    const first = await Source.yaml(cm('a'), 'base/a.yaml').load();
    const second = await Source.yaml(`${cm('b')}---\n${cm('a')}`, 'overlay/b.yaml').load();
    const err = await expectValidationError(prepareDesiredSet([...first, ...second]));
    expect(err.code).toBe('DUPLICATE_OBJECT');
    expect(err.message).toBe('overlay/b.yaml, document 1 (line 7), ConfigMap web/a: is defined twice: also at base/a.yaml, document 0 (line 1)');
    expect(err.ref).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'web', name: 'a' });
  });

  it('duplicates after namespace defaulting and across versions of a group -> DUPLICATE_OBJECT', async () => {
    const text = `${cm('a', 'one')}---\n${cm('a', 'two')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: x}\n---\napiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: d, namespace: x}\n`;
    const err = await expectValidationError(prepareYaml(text, { targetNamespace: 'web' }));
    expect(err.issues.map((i) => [i.code, i.source?.document])).toEqual([
      ['DUPLICATE_OBJECT', 1],
      ['DUPLICATE_OBJECT', 3],
    ]);
    expect(err.issues[0]?.message).toContain('ConfigMap web/a: is defined twice: also at app.yaml, document 0');
  });

  it('a namespaced object without namespace and no targetNamespace -> MISSING_NAMESPACE', async () => {
    const err = await expectValidationError(prepareYaml('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n'));
    expect(err.code).toBe('MISSING_NAMESPACE');
    expect(err.message).toBe('app.yaml, document 0 (line 1), Deployment api: metadata.namespace is not set: the kind is namespaced and no targetNamespace is given');
    expect(err.ref).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' });
  });

  it('an empty namespace counts as none -> MISSING_NAMESPACE', async () => {
    const err = await expectValidationError(prepareYaml(cm('a', '""')));
    expect(err.code).toBe('MISSING_NAMESPACE');
  });

  it('a kind the cluster does not serve and no CRD defines -> UNKNOWN_KIND', async () => {
    const resolveScope = async (): Promise<undefined> => undefined;
    const err = await expectValidationError(prepareYaml('apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g, namespace: web}\n', { resolveScope }));
    expect(err.code).toBe('UNKNOWN_KIND');
    expect(err.message).toBe(
      'app.yaml, document 0 (line 1), Gadget web/g: kind is unknown: example.com/v1 Gadget is not served by the cluster and no CustomResourceDefinition in the set defines it',
    );
  });

  it('a CRD version that is not served -> UNKNOWN_KIND with a hint', async () => {
    const text = `${widgetCrd().replace('{name: v1, served: true, storage: true}', '{name: v1, served: true, storage: true}\n    - {name: v2, served: false, storage: false}')}---\napiVersion: example.com/v2\nkind: Widget\nmetadata: {name: w, namespace: web}\n`;
    const err = await expectValidationError(prepareYaml(text));
    expect(err.code).toBe('UNKNOWN_KIND');
    expect(err.message).toContain('(a CustomResourceDefinition in the set serves it only at v1)');
  });

  it('a CRD with a bad spec -> INVALID_MANIFEST on the field; with the wrong name -> INVALID_NAME', async () => {
    const err = await expectValidationError(prepareYaml(`${widgetCrd(true, 'Global')}---\n${widgetCrd(true, 'Namespaced', 'widget.example.com')}`));
    expect(err.issues.map((i) => [i.code, i.source?.field])).toEqual([
      ['INVALID_MANIFEST', 'spec.scope'],
      ['INVALID_NAME', 'metadata.name'],
    ]);
    expect(err.issues[0]?.message).toContain('spec.scope must be one of "Namespaced", "Cluster", got a string');
    expect(err.issues[1]?.message).toContain('metadata.name must be "<spec.names.plural>.<spec.group>": "widgets.example.com"');
  });

  it('collects every problem of the set in one error, first problem first', async () => {
    const text = `kind: ConfigMap\nmetadata: {name: a}\n---\n${cm('B')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\napiVersion: x.io/v1\nkind: Thing\nmetadata: {name: t}\n`;
    const err = await expectValidationError(prepareYaml(text));
    expect(err.code).toBe('INVALID_MANIFEST');
    expect(err.issues.map((i) => i.code)).toEqual(['INVALID_MANIFEST', 'INVALID_NAME', 'MISSING_NAMESPACE', 'UNKNOWN_KIND']);
    expect(err.message.split('\n')).toHaveLength(5);
    expect(err.message).toMatch(/^4 problems in the desired set:/);
  });

  it('never puts Secret data or stringData values in messages', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata: {name: creds, namespace: web, labels: {tier: 7}}',
      'data: {password: "hunter2!!", token: 12345}',
      'stringData: {apiKey: 987654321}',
    ].join('\n');
    const err = await expectValidationError(prepareYaml(text));
    expect(err.issues.map((i) => i.source?.field)).toEqual(['metadata.labels.tier', 'data.password', 'data.token', 'stringData.apiKey']);
    const everything = JSON.stringify({ message: err.message, issues: err.issues, json: err.toJSON() });
    for (const secret of ['hunter2', '12345', '987654321']) expect(everything).not.toContain(secret);
  });

  it('refuses an invalid targetNamespace as a programming error', async () => {
    await expect(prepareDesiredSet([], { targetNamespace: 'Not Valid' })).rejects.toBeInstanceOf(OptionsError);
  });

  it('passes typed resolver errors through and wraps untyped ones', async () => {
    const manifests = await Source.yaml(cm('a')).load();
    const typed = new SyncError('UNREACHABLE', 'connection refused', { retryable: true });
    await expect(prepareDesiredSet(manifests, { resolveScope: () => Promise.reject(typed) })).rejects.toBe(typed);
    const wrapped = await prepareDesiredSet(manifests, { resolveScope: () => Promise.reject(new Error('boom')) }).catch((e: unknown) => e);
    expect(wrapped).toBeInstanceOf(SyncError);
    expect((wrapped as SyncError).code).toBe('API_ERROR');
    expect((wrapped as SyncError).message).toContain('cannot tell the scope of ConfigMap (v1): boom');
  });

  it('rejects with the signal reason when aborted', async () => {
    const controller = new AbortController();
    const manifests = await Source.yaml(cm('a')).load();
    const pending = prepareDesiredSet(manifests, {
      signal: controller.signal,
      resolveScope: async () => {
        controller.abort(new Error('cancelled'));
        return 'Namespaced';
      },
    });
    await expect(pending).rejects.toThrow('cancelled');
  });
});

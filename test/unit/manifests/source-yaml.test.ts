import { describe, expect, it } from 'vitest';
import { Source, ValidationError } from '../../../src/index.js';
import { expectValidationError } from './expect-validation-error.js';

const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: web\n`;

describe('Source.yaml', () => {
  it('reads every document of a multi-document stream with its index and line', async () => {
    const manifests = await Source.yaml(`${cm('a')}---\n${cm('b')}`, 'app.yaml').load();
    expect(manifests.map((m) => m.object.metadata.name)).toEqual(['a', 'b']);
    expect(manifests.map((m) => m.origin)).toEqual([
      { origin: 'app.yaml', document: 0, line: 1 },
      { origin: 'app.yaml', document: 1, line: 7 },
    ]);
  });

  it('skips empty documents (blank, comments only, null) but counts them in the index', async () => {
    const text = `---\n${cm('a')}---\n# nothing here\n---\n---\n~\n---\n${cm('b')}---\n`;
    const manifests = await Source.yaml(text).load();
    expect(manifests.map((m) => [m.object.metadata.name, m.origin.document])).toEqual([
      ['a', 0],
      ['b', 4],
    ]);
  });

  it('returns no manifests for an empty text', async () => {
    expect(await Source.yaml('').load()).toEqual([]);
    expect(await Source.yaml('# only a comment\n---\n').load()).toEqual([]);
  });

  it('flattens kind: List and *List documents, numbering the items', async () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - {apiVersion: v1, kind: Namespace, metadata: {name: a}}',
      '  - {apiVersion: v1, kind: Namespace, metadata: {name: b}}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMapList',
      'items:',
      '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: web}}',
    ].join('\n');
    const manifests = await Source.yaml(text, 'lists.yaml').load();
    expect(manifests.map((m) => [m.object.metadata.name, m.origin.document, m.origin.item])).toEqual([
      ['a', 0, 0],
      ['b', 0, 1],
      ['c', 1, 0],
    ]);
  });

  it('does not flatten a custom resource whose kind ends in List but has a name', async () => {
    const text = 'apiVersion: example.com/v1\nkind: AllowList\nmetadata: {name: ips}\nitems: [a, b]\n';
    const [m] = await Source.yaml(text).load();
    expect(m?.object.kind).toBe('AllowList');
    expect(m?.object['items']).toEqual(['a', 'b']);
  });

  it('resolves anchors, aliases and merge keys', async () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: a',
      '  namespace: web',
      '  labels: &labels {app: web}',
      '  annotations:',
      '    <<: *labels',
      '    note: merged',
    ].join('\n');
    const [m] = await Source.yaml(text).load();
    expect(m?.object.metadata.labels).toEqual({ app: 'web' });
    expect(m?.object.metadata.annotations).toEqual({ app: 'web', note: 'merged' });
  });

  it('keeps timestamps and yes/no as strings (YAML 1.2 core schema), numbers as numbers', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {when: 2024-01-02, answer: yes}\nspec: {n: 3}\n';
    const [m] = await Source.yaml(text).load();
    expect(m?.object['data']).toEqual({ when: '2024-01-02', answer: 'yes' });
    expect(m?.object['spec']).toEqual({ n: 3 });
  });

  it('reads JSON text, a byte-order mark, %YAML directives and content on the --- line', async () => {
    const json = await Source.yaml('\uFEFF{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"j"}}').load();
    expect(json[0]?.object.metadata.name).toBe('j');
    const directive = await Source.yaml('%YAML 1.2\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: d}\n').load();
    expect(directive.map((m) => [m.object.metadata.name, m.origin.document])).toEqual([['d', 0]]);
    const inline = await Source.yaml(`${cm('a')}--- {apiVersion: v1, kind: Namespace, metadata: {name: i}}\n`).load();
    expect(inline.map((m) => m.object.metadata.name)).toEqual(['a', 'i']);
  });

  it('re-parses at every load and returns fresh objects', async () => {
    const source = Source.yaml(cm('a'));
    const first = await source.load();
    first[0]!.object.metadata.name = 'changed';
    const second = await source.load();
    expect(second[0]?.object.metadata.name).toBe('a');
  });

  it('names the origin, document index, line and column of malformed YAML, and still reads the other documents', async () => {
    const text = `${cm('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n   namespace: web\n---\n- not\n- a mapping\n`;
    const err = await expectValidationError(Source.yaml(text, 'deploy/app.yaml').load());
    expect(err.code).toBe('INVALID_MANIFEST');
    expect(err.issues).toHaveLength(2);
    expect(err.issues[0]?.message).toMatch(/^deploy\/app\.yaml, document 1 \(line 7\): malformed YAML: bad indentation .* at line 11, column \d+$/);
    expect(err.issues[0]?.source).toEqual({ origin: 'deploy/app.yaml', document: 1 });
    expect(err.issues[1]?.message).toBe('deploy/app.yaml, document 2 (line 13): the document is a list, expected a mapping (a Kubernetes object)');
    expect(err.message).toMatch(/^2 problems in the desired set:\n {2}- INVALID_MANIFEST: deploy\/app\.yaml, document 1/);
  });

  it('refuses scalars at the top level', async () => {
    const err = await expectValidationError(Source.yaml('just a string\n', 'x.yaml').load());
    expect(err.message).toBe('x.yaml, document 0 (line 1): the document is a string, expected a mapping (a Kubernetes object)');
  });

  it('refuses a List item that is not a mapping, naming the item', async () => {
    const err = await expectValidationError(Source.yaml('apiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: Namespace, metadata: {name: a}}, 42]\n', 'l.yaml').load());
    expect(err.message).toBe('l.yaml, document 0, item 1 (line 1): items[1] is a number, expected a mapping (a Kubernetes object)');
  });

  it('refuses YAML values JSON cannot carry (.nan) and self-referencing aliases, with the field', async () => {
    const nan = await expectValidationError(Source.yaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nspec: {x: .nan}\n').load());
    expect(nan.message).toBe('inline, document 0 (line 1): spec.x must be a JSON value, got NaN (not a JSON number)');
    const loop = await expectValidationError(Source.yaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nspec: &s [*s]\n').load());
    expect(loop.message).toContain('spec[0] refers to itself');
  });

  it('refuses an alias bomb instead of expanding it', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const err = await expectValidationError(Source.yaml(lines.join('\n')).load());
    expect(err.message).toContain('has more than 1000000 values');
  });

  it('refuses duplicate keys and unknown tags', async () => {
    const dup = await expectValidationError(Source.yaml('apiVersion: v1\napiVersion: v2\n').load());
    expect(dup.message).toContain('duplicated mapping key at line 2');
    const tag = await expectValidationError(Source.yaml('apiVersion: v1\nkind: Secret\ndata: !!binary aGk=\n').load());
    expect(tag.message).toContain('unknown tag');
  });

  it('never quotes the text of a malformed Secret', async () => {
    const text = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: "hunter2-top-secret\n';
    const err = await expectValidationError(Source.yaml(text).load());
    expect(err.message).toContain('malformed YAML');
    expect(JSON.stringify({ m: err.message, i: err.issues })).not.toContain('hunter2');
  });

  it('rejects with the signal reason when aborted, and validates its arguments', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(Source.yaml(cm('a')).load({ signal: controller.signal })).rejects.toThrow('stop');
    expect(() => Source.yaml(42 as unknown as string)).toThrow(/`text` must be a string/);
    expect(Source.yaml('', 'inline.yaml').description).toBe('yaml inline.yaml');
  });

  it('throws only ValidationError for bad text', async () => {
    await expect(Source.yaml('{').load()).rejects.toBeInstanceOf(ValidationError);
  });
});

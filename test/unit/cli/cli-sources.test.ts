import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { combineSources } from '../../../src/cli/combine-sources.js';
import { readStreamText } from '../../../src/cli/read-stream-text.js';
import { withDefaultNamespace } from '../../../src/cli/with-default-namespace.js';
import { Source, ValidationError } from '../../../src/index.js';

const yaml = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: a}', '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: b, namespace: other}', '---', 'apiVersion: v1', 'kind: Namespace', 'metadata: {name: c}', ''].join('\n');

describe('withDefaultNamespace', () => {
  it('fills in the namespace of objects that have none, like kubectl -n', async () => {
    const manifests = await withDefaultNamespace(Source.yaml(yaml), 'web').load();
    expect(manifests.map((m) => [m.object.metadata.name, m.object.metadata.namespace])).toEqual([
      ['a', 'web'],
      ['b', 'other'],
      ['c', 'web'], // dropped again for cluster-scoped kinds when the desired set is prepared
    ]);
  });
});

describe('combineSources', () => {
  it('concatenates sources in order', async () => {
    const manifests = await combineSources([Source.yaml(yaml, 'one'), Source.yaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: d}\n', 'two')]).load();
    expect(manifests.map((m) => `${m.origin.origin}:${m.object.metadata.name}`)).toEqual(['one:a', 'one:b', 'one:c', 'two:d']);
  });

  it('reports the problems of every source in one ValidationError', async () => {
    const err = await combineSources([Source.yaml('a: [\n', 'one'), Source.yaml(yaml, 'ok'), Source.yaml('- list\n', 'two')]).load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.source?.origin)).toEqual(['one', 'two']);
  });
});

describe('readStreamText', () => {
  it('reads text and bytes to the end, decoding UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('name: café\n', 'utf8');
    const text = await readStreamText(['a: 1\n', bytes.subarray(0, 9), bytes.subarray(9)], new AbortController().signal);
    expect(text).toBe('a: 1\nname: café\n');
  });

  it('stops waiting for a stream that never ends when the signal aborts', async () => {
    const stream = new PassThrough();
    stream.write('partial');
    const abort = new AbortController();
    const reading = readStreamText(stream, abort.signal);
    abort.abort(new Error('Ctrl-C'));
    await expect(reading).rejects.toThrow('Ctrl-C');
  });
});

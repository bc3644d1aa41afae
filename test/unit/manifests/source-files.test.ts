import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Source } from '../../../src/index.js';
import { expectValidationError } from './expect-validation-error.js';

const fixtures = fileURLToPath(new URL('../../fixtures/manifests/', import.meta.url));
const tree = join(fixtures, 'tree');
const ns = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

describe('Source.files', () => {
  it('reads a directory tree in sorted order: .yaml/.yml/.json only, hidden entries skipped', async () => {
    const manifests = await Source.files(tree).load();
    expect(manifests.map((m) => [m.origin.origin.slice(tree.length + 1), m.origin.document, m.origin.item, m.object.kind, m.object.metadata.name])).toEqual([
      ['00-namespace.yaml', 0, undefined, 'Namespace', 'shop'],
      ['apps/api/configmaps.yaml', 0, 0, 'ConfigMap', 'api-config'],
      ['apps/api/configmaps.yaml', 0, 1, 'ConfigMap', 'api-flags'],
      ['apps/web/deployment.yml', 0, undefined, 'Deployment', 'web'],
      ['apps/web/deployment.yml', 1, undefined, 'Widget', 'web-widget'],
      ['apps/web/service.json', 0, undefined, 'Service', 'web'],
      ['crds/widgets.yaml', 0, undefined, 'CustomResourceDefinition', 'widgets.example.com'],
    ]);
    expect(manifests[0]?.origin.line).toBe(3);
  });

  it('reads a single file whatever its extension', async () => {
    const manifests = await Source.files(join(tree, 'apps', 'notes.txt')).load();
    expect(manifests.map((m) => m.object.metadata.name)).toEqual(['ignored-because-txt']);
  });

  it('names every malformed file and document index, with lines, in one error', async () => {
    const bad = join(fixtures, 'bad');
    const err = await expectValidationError(Source.files(bad).load());
    expect(err.code).toBe('INVALID_MANIFEST');
    expect(err.issues.map((i) => i.source)).toEqual([
      { origin: join(bad, '20-broken.yaml'), document: 1 },
      { origin: join(bad, '30-broken.json'), document: 0 },
    ]);
    expect(err.issues[0]?.message).toBe(`${join(bad, '20-broken.yaml')}, document 1 (line 5): malformed YAML: bad indentation of a mapping entry at line 9, column 13`);
    expect(err.issues[1]?.message).toMatch(/30-broken\.json, document 0 \(line 1\): malformed JSON or YAML: .* at line 4, column \d+$/);
    expect(err.message).toContain('2 problems');
  });

  it('fails clearly when the path does not exist', async () => {
    const err = await expectValidationError(Source.files(join(fixtures, 'nope')).load());
    expect(err.code).toBe('INVALID_MANIFEST');
    expect(err.message).toBe(`${join(fixtures, 'nope')}: no such file or directory`);
  });

  describe('with a scratch directory', () => {
    let dir = '';
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'syncprims-files-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('re-reads the files at every load', async () => {
      await writeFile(join(dir, 'a.yaml'), ns('one'));
      const source = Source.files(dir);
      expect((await source.load()).map((m) => m.object.metadata.name)).toEqual(['one']);
      await writeFile(join(dir, 'a.yaml'), ns('two'));
      await writeFile(join(dir, 'b.yml'), ns('three'));
      expect((await source.load()).map((m) => m.object.metadata.name)).toEqual(['two', 'three']);
    });

    it('follows symlinks but reads a directory once, even through a loop', async () => {
      await mkdir(join(dir, 'a', 'b'), { recursive: true });
      await writeFile(join(dir, 'a', 'b', 'x.yaml'), ns('x'));
      await symlink(join(dir, 'a'), join(dir, 'a', 'b', 'loop'));
      await symlink(join(dir, 'a', 'b', 'x.yaml'), join(dir, 'link.yaml'));
      const manifests = await Source.files(dir).load();
      expect(manifests.map((m) => m.origin.origin.slice(dir.length + 1))).toEqual(['a/b/x.yaml', 'link.yaml']);
    });

    it('reads a mounted ConfigMap volume (..data links) once', async () => {
      await mkdir(join(dir, '..2024_01_01'));
      await writeFile(join(dir, '..2024_01_01', 'app.yaml'), ns('app'));
      await symlink('..2024_01_01', join(dir, '..data'));
      await symlink(join('..data', 'app.yaml'), join(dir, 'app.yaml'));
      const manifests = await Source.files(dir).load();
      expect(manifests.map((m) => m.origin.origin.slice(dir.length + 1))).toEqual(['app.yaml']);
    });

    it('reports a broken symlink to a manifest file, ignores other broken links', async () => {
      await symlink(join(dir, 'missing.yaml'), join(dir, 'broken.yaml'));
      await symlink(join(dir, 'missing.txt'), join(dir, 'broken.txt'));
      const err = await expectValidationError(Source.files(dir).load());
      expect(err.issues.map((i) => i.message)).toEqual([`${join(dir, 'broken.yaml')}: no such file or directory`]);
    });

    it('rejects with the signal reason when aborted', async () => {
      await writeFile(join(dir, 'a.yaml'), ns('one'));
      const controller = new AbortController();
      controller.abort(new Error('stopped'));
      await expect(Source.files(dir).load({ signal: controller.signal })).rejects.toThrow('stopped');
    });
  });

  it('describes itself and validates its argument', () => {
    expect(Source.files('deploy').description).toBe('files deploy');
    expect(() => Source.files('')).toThrow(/non-empty path/);
  });
});

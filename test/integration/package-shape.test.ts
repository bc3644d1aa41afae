/**
 * The published shape: the built package (dist/, `npm run build`; `npm test` builds first)
 * loads with `import` and with `require` in a plain Node process, both ways exposing the same
 * names, for the root and the `syncprims/fleet` subpath.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, Record<string, string> | string>>;
  engines: { node: string };
  files: string[];
};

/** Runs `node <args>` in the package folder (so `syncprims` resolves to itself) and returns stdout. */
function node(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, env, encoding: 'utf8' }, (err, stdout, stderr) =>
      err ? reject(new Error(`node ${args.join(' ')} failed: ${stderr || err.message}`)) : resolve(stdout),
    );
  });
}
const esm = (code: string, env?: NodeJS.ProcessEnv): Promise<string> => node(['--input-type=module', '-e', code], env);
const cjs = (code: string, env?: NodeJS.ProcessEnv): Promise<string> => node(['--input-type=commonjs', '-e', code], env);

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

describe('the built package', () => {
  it(`runs on a Node that satisfies engines (${pkg.engines.node})`, async () => {
    const [major, minor] = (await node(['-p', 'process.versions.node'])).trim().split('.').map(Number) as [number, number];
    const [wantMajor, wantMinor] = pkg.engines.node.replace('>=', '').split('.').map(Number) as [number, number];
    expect(major > wantMajor || (major === wantMajor && minor >= wantMinor)).toBe(true);
  });

  it.each([
    [
      'syncprims',
      // The public surface the design reference fixes, plus the main extension points.
      ['Cluster', 'Source', 'Sync', 'RemoteSync', 'ProxySync', 'dag', 'Dag', 'SyncError', 'BaseSyncer', 'OptionsError', 'Controller', 'runController',
        'syncprimsCrds', 'bootstrap', 'register', 'rollout', 'healthRule', 'toSyncError', 'formatRef', 'isSyncError'],
    ],
    ['syncprims/fleet', ['startFleet', 'attachFleet', 'ensureBinaries', 'FleetError', 'FLEET_USERS']],
  ])('%s loads with import and require, exposing the same names', async (specifier, expected) => {
    const spec = JSON.stringify(specifier);
    const viaImport = JSON.parse(await esm(`const m = await import(${spec}); console.log(JSON.stringify(Object.keys(m).sort()))`)) as string[];
    const viaRequire = JSON.parse(await cjs(`console.log(JSON.stringify(Object.keys(require(${spec})).sort()))`)) as string[];
    expect(viaImport).toEqual(viaRequire);
    expect(viaImport).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    ['syncprims', '../../src/index.js'],
    ['syncprims/fleet', '../../src/fleet/index.js'],
  ])('%s exposes every runtime export of its source barrel (the build is complete and current)', async (specifier, source) => {
    const fromSource = Object.keys((await import(source)) as object).sort();
    const built = JSON.parse(await esm(`const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).sort()))`)) as string[];
    expect(built).toEqual(fromSource);
  });

  it('shares one SyncError between syncprims and syncprims/fleet, with import and with require', async () => {
    const check = 'new F.FleetError("FLEET_START_FAILED", "x") instanceof R.SyncError';
    expect((await esm(`const R = await import('syncprims'); const F = await import('syncprims/fleet'); console.log(${check})`)).trim()).toBe('true');
    expect((await cjs(`const R = require('syncprims'); const F = require('syncprims/fleet'); console.log(${check})`)).trim()).toBe('true');
  });

  it('points every exports entry at a file that exists', () => {
    const targets: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') targets.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(pkg.exports);
    expect(targets.length).toBeGreaterThan(8);
    for (const target of targets) expect(existsSync(join(root, target)), target).toBe(true);
  });
});

describe('syncprims/fleet from dist', () => {
  let cache: string;
  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'shape-cache-'));
    const bin = join(cache, 'k8s-1.20.2', 'bin');
    mkdirSync(bin, { recursive: true });
    for (const name of ['etcd', 'kube-apiserver', 'kube-controller-manager']) {
      writeFileSync(join(bin, name), '#!/bin/sh\n');
      chmodSync(join(bin, name), 0o755);
    }
    // The stamp scripts/install-k8s.sh writes on a complete build.
    const buildId = /^BUILD_ID="\$K8S_VERSION(-[^"]*)"$/m.exec(readFileSync(join(root, 'scripts', 'install-k8s.sh'), 'utf8'))?.[1];
    writeFileSync(join(bin, '.build-id'), `1.20.2${buildId ?? ''}\n`);
  });
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('finds its bundled install script (ESM and CJS builds)', async () => {
    const env = { ...process.env };
    delete env.SYNCPRIMS_K8S_BIN;
    const call = `ensureBinaries({ cacheDir: ${JSON.stringify(cache)} }).then((dir) => console.log(dir))`;
    const expected = join(cache, 'k8s-1.20.2', 'bin');
    expect((await esm(`import { ensureBinaries } from 'syncprims/fleet'; ${call}`, env)).trim()).toBe(expected);
    expect((await cjs(`const { ensureBinaries } = require('syncprims/fleet'); ${call}`, env)).trim()).toBe(expected);
  });

  it('is packed with the install script and the build, without sources or tests', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['scripts/install-k8s.sh', 'dist/fleet.js', 'dist/fleet.cjs', 'dist/fleet.d.ts', 'dist/index.cjs', 'package.json']));
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
    expect(pkg.files).toContain('scripts/install-k8s.sh');
  });
});

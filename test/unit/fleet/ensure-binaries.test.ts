import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBinaries, FLEET_BINARIES, startFleet, FleetError } from '../../../src/fleet/index.js';
import { OptionsError } from '../../../src/core/sync-error.js';

let dir: string;
let savedBin: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleet-bin-test-'));
  savedBin = process.env.SYNCPRIMS_K8S_BIN;
  delete process.env.SYNCPRIMS_K8S_BIN;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  if (savedBin === undefined) delete process.env.SYNCPRIMS_K8S_BIN;
  else process.env.SYNCPRIMS_K8S_BIN = savedBin;
});

/** The build id scripts/install-k8s.sh stamps on a complete cache (`bin/.build-id`). */
function scriptBuildId(): string {
  const script = readFileSync(new URL('../../../scripts/install-k8s.sh', import.meta.url), 'utf8');
  const match = /^BUILD_ID="\$K8S_VERSION(-[^"]*)"$/m.exec(script);
  if (!match) throw new Error('no BUILD_ID line in scripts/install-k8s.sh');
  return `1.20.2${match[1]}`;
}

function fakeBinaries(binDir: string, names: readonly string[]): void {
  mkdirSync(binDir, { recursive: true });
  for (const name of names) {
    writeFileSync(join(binDir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(binDir, name), 0o755);
  }
  writeFileSync(join(binDir, '.build-id'), `${scriptBuildId()}\n`);
}

describe('ensureBinaries', () => {
  it('uses SYNCPRIMS_K8S_BIN as is when it holds every binary', async () => {
    fakeBinaries(dir, FLEET_BINARIES);
    process.env.SYNCPRIMS_K8S_BIN = dir;
    await expect(ensureBinaries()).resolves.toBe(dir);
  });

  it('names the binaries missing from SYNCPRIMS_K8S_BIN', async () => {
    fakeBinaries(dir, ['etcd']);
    process.env.SYNCPRIMS_K8S_BIN = dir;
    const error = await ensureBinaries().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FleetError);
    expect((error as FleetError).code).toBe('FLEET_PREREQUISITE');
    expect((error as FleetError).message).toContain('kube-apiserver, kube-controller-manager');
  });

  it('runs the bundled install script on the versioned cache folder and streams its progress', async () => {
    fakeBinaries(join(dir, 'k8s-1.20.2', 'bin'), FLEET_BINARIES);
    const lines: string[] = [];
    await expect(ensureBinaries({ cacheDir: dir, onProgress: (l) => lines.push(l) })).resolves.toBe(join(dir, 'k8s-1.20.2', 'bin'));
    expect(lines.join('\n')).toContain(`binaries present in ${join(dir, 'k8s-1.20.2', 'bin')}`);
  });

  it('rejects with the signal reason when aborted before it starts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(ensureBinaries({ cacheDir: dir, signal: controller.signal })).rejects.toThrow('stop now');
  });
});

describe('startFleet options', () => {
  it.each([[['Bad_Name']], [['mgmt', 'mgmt']], [[]], [['etcd']]])('refuses clusters %j before starting anything', async (clusters) => {
    await expect(startFleet({ clusters, binDir: dir })).rejects.toBeInstanceOf(OptionsError);
  });

  it('names the binaries missing from binDir', async () => {
    fakeBinaries(dir, ['etcd', 'kube-apiserver']);
    await expect(startFleet({ clusters: ['one'], binDir: dir })).rejects.toThrow(/lacks the executable\(s\) kube-controller-manager/);
  });
});

describe('ensureBinaries with a partial SYNCPRIMS_K8S_BIN', () => {
  it('accepts a folder without kube-controller-manager when only etcd and kube-apiserver are asked for', async () => {
    fakeBinaries(dir, ['etcd', 'kube-apiserver']);
    process.env.SYNCPRIMS_K8S_BIN = dir;
    await expect(ensureBinaries({ binaries: ['etcd', 'kube-apiserver'] })).resolves.toBe(dir);
    await expect(ensureBinaries()).rejects.toThrow(/lacks the executable\(s\) kube-controller-manager/);
  });
});

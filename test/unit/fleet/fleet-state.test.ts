import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeFleetState, readFleetState, writeFleetState, type FleetState } from '../../../src/fleet/fleet-state.js';
import { updateFleetState } from '../../../src/fleet/state-lock.js';
import { recordOf, withRecord } from '../../../src/fleet/process-key.js';
import { FleetError } from '../../../src/fleet/fleet-error.js';

function sampleState(dir: string): FleetState {
  const proc = (bin: string, pid: number | null) => ({ command: `/bin/dir/${bin}`, args: ['--x=1'], log: join(dir, `${bin}.log`), pid });
  return {
    version: 1,
    dir,
    binDir: '/bin/dir',
    detached: false,
    ownerPid: 1,
    createdDir: true,
    kubeconfig: join(dir, 'kubeconfig.yaml'),
    clusterNames: ['mgmt'],
    etcd: { url: 'http://127.0.0.1:1', clientPort: 1, peerPort: 2, process: proc('etcd', 10) },
    clusters: {
      mgmt: {
        name: 'mgmt',
        server: 'https://127.0.0.1:3',
        port: 3,
        dir: join(dir, 'mgmt'),
        caFile: join(dir, 'mgmt', 'ca.crt'),
        tokens: { admin: 'secret-admin-token' },
        kubeconfigs: { admin: join(dir, 'mgmt', 'admin.kubeconfig') },
        apiServer: proc('kube-apiserver', 11),
        controllerManager: null,
      },
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleet-state-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('fleet state file', () => {
  it('round-trips through the file', () => {
    const file = join(dir, 'fleet.json');
    writeFleetState(file, sampleState(dir));
    expect(readFleetState(file)).toEqual(sampleState(dir));
  });

  it('refuses a missing or malformed file with FLEET_STATE_INVALID, naming the field but not the values', () => {
    expect(() => readFleetState(join(dir, 'absent.json'))).toThrow(/does not exist/);
    const bad = { ...sampleState(dir), clusters: { mgmt: { ...sampleState(dir).clusters.mgmt, port: 'x' } } };
    let error: unknown;
    try {
      decodeFleetState(bad, 'test');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FleetError);
    expect((error as FleetError).code).toBe('FLEET_STATE_INVALID');
    expect((error as FleetError).message).toContain('clusters.mgmt.port');
    expect((error as FleetError).message).not.toContain('secret-admin-token');
  });

  it('refuses a state whose processes are not fleet binaries (a tampered file must not get other processes killed)', () => {
    const state = sampleState(dir);
    const tampered = { ...state, etcd: { ...state.etcd, process: { ...state.etcd.process, command: '/bin/bash' } } };
    expect(() => decodeFleetState(tampered, 'test')).toThrow(/etcd\.process\.command: not a fleet binary/);
  });

  it('refuses a cluster listed in clusterNames but missing', () => {
    expect(() => decodeFleetState({ ...sampleState(dir), clusterNames: ['mgmt', 'edge-1'] }, 'test')).toThrow(/clusters\.edge-1/);
  });

  it('loses no update when several writers update it at once', async () => {
    const file = join(dir, 'fleet.json');
    writeFleetState(file, { ...sampleState(dir), clusterNames: [], clusters: {} });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        updateFleetState(file, async (s) => {
          await new Promise((r) => setTimeout(r, 2));
          return { ...s, clusterNames: [...s.clusterNames, `c${i}`], clusters: { ...s.clusters, [`c${i}`]: { ...sampleState(dir).clusters.mgmt!, name: `c${i}` } } };
        }),
      ),
    );
    expect(readFleetState(file).clusterNames.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `c${i}`).sort());
    expect(() => readFileSync(`${file}.lock`)).toThrow();
  });

  it('replaces one process record without touching the others', () => {
    const state = sampleState(dir);
    const next = withRecord(state, { kind: 'apiServer', cluster: 'mgmt' }, { ...state.clusters.mgmt!.apiServer, pid: null });
    expect(recordOf(next, { kind: 'apiServer', cluster: 'mgmt' })?.pid).toBeNull();
    expect(recordOf(next, { kind: 'etcd' })?.pid).toBe(10);
    expect(recordOf(state, { kind: 'apiServer', cluster: 'mgmt' })?.pid).toBe(11);
    expect(recordOf(next, { kind: 'controllerManager', cluster: 'mgmt' })).toBeNull();
    expect(recordOf(next, { kind: 'apiServer', cluster: 'nope' })).toBeNull();
  });

  it('reads an unparsable file as FLEET_STATE_INVALID', () => {
    const file = join(dir, 'fleet.json');
    writeFileSync(file, '{not json');
    expect(() => readFleetState(file)).toThrow(/not readable JSON/);
  });
});

import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../../src/fleet/process-control.js';
import { spawnProcess } from '../../../src/fleet/spawn-process.js';
import { stopProcess } from '../../../src/fleet/stop-process.js';
import { allocatePort, isBindFailure } from '../../../src/fleet/allocate-port.js';
import { removeInside } from '../../../src/fleet/remove-inside.js';
import { waitForProcess } from '../../../src/fleet/wait-for-process.js';
import { FleetError } from '../../../src/fleet/fleet-error.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleet-proc-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('fleet processes', () => {
  it('starts a process in its own group with its log, recognises it by command, and stops it', async () => {
    const log = join(dir, 'sh.log');
    const pid = spawnProcess({ command: '/bin/sh', args: ['-c', 'echo started; sleep 60; :'], log });
    expect(isProcessAlive(pid, '/bin/sh')).toBe(true);
    expect(isProcessAlive(pid, '/usr/bin/some-other-binary')).toBe(false);
    // The shell writes its line asynchronously: give it up to 5 s before stopping it.
    for (let i = 0; i < 100 && !readFileSync(log, 'utf8').includes('started'); i++) await new Promise((r) => setTimeout(r, 50));
    await stopProcess(pid, '/bin/sh');
    expect(isProcessAlive(pid)).toBe(false);
    expect(readFileSync(log, 'utf8')).toContain('started');
  });

  it('kills with SIGKILL after the grace period when SIGTERM is ignored', async () => {
    const pid = spawnProcess({ command: '/bin/sh', args: ['-c', "trap '' TERM; while :; do sleep 0.05; done"], log: join(dir, 'stubborn.log') });
    await new Promise((r) => setTimeout(r, 100));
    await stopProcess(pid, '/bin/sh', { graceMs: 200 });
    expect(isProcessAlive(pid)).toBe(false);
  });

  it('treats a pid that no longer runs the command as stopped', async () => {
    await expect(stopProcess(2 ** 22 + 12345, '/bin/sh')).resolves.toBeUndefined();
  });
});

describe('ports', () => {
  it('hands out distinct ports that can be bound on 127.0.0.1', async () => {
    const ports = [await allocatePort(), await allocatePort(), await allocatePort()];
    expect(new Set(ports).size).toBe(3);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('recognises bind failures in etcd and kube-apiserver logs', () => {
    expect(isBindFailure('listen tcp 127.0.0.1:6443: bind: address already in use')).toBe(true);
    expect(isBindFailure('{"level":"fatal","msg":"listen tcp 127.0.0.1:2379: bind: address already in use"}')).toBe(true);
    expect(isBindFailure('open /x/apiserver.crt: no such file or directory')).toBe(false);
  });
});

describe('removeInside', () => {
  it('removes paths inside the root and refuses the root itself and anything outside', () => {
    const inside = join(dir, 'a', 'b');
    mkdirSync(inside, { recursive: true });
    writeFileSync(join(inside, 'f'), 'x');
    expect(removeInside(dir, join(dir, 'a'))).toBe(true);
    expect(existsSync(join(dir, 'a'))).toBe(false);
    expect(removeInside(dir, dir)).toBe(false);
    expect(removeInside(dir, join(dir, '..'))).toBe(false);
    expect(removeInside(dir, '/etc')).toBe(false);
    expect(existsSync(dir)).toBe(true);
  });
});

describe('waitForProcess', () => {
  it('fails fast when the process exits, naming its log and quoting its last lines', async () => {
    const log = join(dir, 'early.log');
    const pid = spawnProcess({ command: '/bin/sh', args: ['-c', 'echo "listen tcp: bind: address already in use"; exit 3'], log });
    const error = await waitForProcess({ label: 'kube-apiserver of t', pid, command: '/bin/sh', log }, 'ready', async () => false, { timeoutMs: 30_000, intervalMs: 20 }).catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(FleetError);
    expect((error as FleetError).code).toBe('FLEET_START_FAILED');
    expect((error as FleetError).message).toContain(`kube-apiserver of t exited before ready; log: ${log}`);
    expect((error as FleetError).message).toContain('address already in use');
  });

  it('resolves once the check passes and gives up after its timeout', async () => {
    const pid = spawnProcess({ command: '/bin/sh', args: ['-c', 'sleep 30; :'], log: join(dir, 'ok.log') });
    try {
      let calls = 0;
      await waitForProcess({ label: 'p', pid, command: '/bin/sh', log: join(dir, 'ok.log') }, 'ready', async () => ++calls >= 3, { timeoutMs: 30_000, intervalMs: 10 });
      expect(calls).toBe(3);
      await expect(
        waitForProcess({ label: 'p', pid, command: '/bin/sh', log: join(dir, 'ok.log') }, 'ready', async () => false, { timeoutMs: 50, intervalMs: 10 }),
      ).rejects.toThrow(/p not ready after 50 ms/);
    } finally {
      await stopProcess(pid, '/bin/sh', { force: true });
    }
  });
});

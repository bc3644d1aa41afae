/**
 * The built `syncprims` CLI (`node dist/cli.js`; `npm test` builds first) against a real API
 * server: the fleet's mgmt cluster (or `SYNCPRIMS_TEST_KUBECONFIG`). Each test works in its own
 * namespace with its own sync name, so a reused fleet and other test files do not interfere.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../src/index.js';
import { singleCluster } from './fleet-context.js';
import { clusterFor, uniqueName } from './support/clusters.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist', 'cli.js');

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunOptions {
  readonly stdin?: string;
  /** Called with stderr as it grows; return true to send SIGINT/SIGTERM to the process. */
  readonly interruptWhen?: (stderr: string) => NodeJS.Signals | undefined;
}

/** Runs the built CLI with KUBECONFIG pointing at the test cluster. */
function syncprims(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: work,
      env: { ...process.env, KUBECONFIG: kubeconfig, HOME: work },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      const signal = interrupted ? undefined : options.interruptWhen?.(stderr);
      if (signal) {
        interrupted = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
  });
}

const configMap = (ns: string, name: string, data: Record<string, string>): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}\n`;

let work: string;
let kubeconfig: string;
let client: KubeClient;

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does)');
  kubeconfig = singleCluster().kubeconfigPath;
  work = mkdtempSync(join(tmpdir(), 'syncprims-cli-it-'));
  client = await clusterFor('mgmt').connect();
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh namespace and a manifest folder for one test. */
function scenario(prefix: string): { ns: string; name: string; dir: string } {
  const ns = uniqueName(prefix);
  const dir = join(work, ns);
  mkdirSync(dir);
  writeFileSync(join(dir, '00-namespace.yaml'), `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`);
  return { ns, name: uniqueName('cli'), dir };
}

interface ResultJson {
  state: string;
  ready: boolean;
  changes: { ref: { kind: string; name: string; namespace?: string }; action: string; fields?: string[] }[];
  requests?: Record<string, number>;
  error?: { code: string; message: string };
}

const actions = (r: ResultJson): Record<string, string> => Object.fromEntries(r.changes.map((c) => [`${c.ref.kind}/${c.ref.name}`, c.action]));

describe('syncprims apply, diff, delete (built CLI, real API server)', () => {
  it('applies a directory, re-applies as unchanged without writes, shows a diff with field paths, deletes', async () => {
    const { ns, name, dir } = scenario('cli-apply');
    writeFileSync(join(dir, 'settings.yaml'), configMap(ns, 'settings', { color: 'blue', size: 'm' }));
    writeFileSync(join(dir, 'extra.yaml'), configMap(ns, 'extra', { a: '1' }));

    const first = await syncprims(['apply', '-f', dir, '--name', name]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`created    Namespace ${ns}\n`);
    expect(first.stdout).toContain(`created    ConfigMap ${ns}/settings\n`);
    expect(first.stdout).toMatch(new RegExp(`^${name}: ready in \\S+: applied and ready: 3 created \\(revision [0-9a-f]{12}\\)$`, 'm'));
    expect(first.stderr).toContain(`${name}: applying 3 objects`);

    const again = await syncprims(['apply', '-f', dir, '--name', name, '-o', 'json']);
    expect(again.code, again.stderr).toBe(0);
    const json = JSON.parse(again.stdout) as ResultJson;
    expect(json.state).toBe('ready');
    expect(actions(json)).toEqual({ [`Namespace/${ns}`]: 'unchanged', 'ConfigMap/settings': 'unchanged', 'ConfigMap/extra': 'unchanged' });
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => json.requests?.[m] ?? 0)).toEqual([0, 0, 0, 0]);

    writeFileSync(join(dir, 'settings.yaml'), configMap(ns, 'settings', { color: 'red', size: 'm' }));
    unlinkSync(join(dir, 'extra.yaml'));
    const diff = await syncprims(['diff', '-f', dir, '--name', name]);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain(`~ ConfigMap ${ns}/settings (configured)\n    data.color\n`);
    expect(diff.stdout).not.toContain('data.size');
    expect(diff.stdout).toContain(`- ConfigMap ${ns}/extra (pruned)\n`);
    expect(diff.stdout).toMatch(new RegExp(`^${name}: planned in \\S+: plan: 1 configured, 1 unchanged, 1 pruned`, 'm'));
    // A diff writes nothing.
    const live = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' });
    expect((live as { data?: Record<string, string> } | undefined)?.data?.['color']).toBe('blue');
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'extra' })).toBeDefined();

    const status = await syncprims(['status', '-o', 'json']);
    expect(status.code, status.stderr).toBe(0);
    const inventories = (JSON.parse(status.stdout) as { inventories: { name: string; kind: string; objects: number }[] }).inventories;
    expect(inventories).toContainEqual(expect.objectContaining({ name, kind: 'Sync', objects: 3 }));
    const table = await syncprims(['status']);
    expect(table.stdout).toMatch(new RegExp(`^${name}\\s+Sync\\s+[0-9a-f]{12}\\s+3\\s+\\S+$`, 'm'));

    const deleted = await syncprims(['delete', '--name', name, '-o', 'json']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const teardown = JSON.parse(deleted.stdout) as ResultJson;
    expect(teardown.state).toBe('ready');
    expect(actions(teardown)).toEqual({ [`Namespace/${ns}`]: 'pruned', 'ConfigMap/settings': 'pruned', 'ConfigMap/extra': 'pruned' });
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' })).toBeUndefined();
    const after = JSON.parse((await syncprims(['status', '-o', 'json'])).stdout) as { inventories: { name: string }[] };
    expect(after.inventories.map((i) => i.name)).not.toContain(name);
  });

  it('reads -f - from stdin, fills in -n for objects without a namespace, and honours --prune=false', async () => {
    const { ns, name } = scenario('cli-stdin');
    const objects = `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\ndata: {a: "1"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: two}\ndata: {a: "2"}\n`;
    const first = await syncprims(['apply', '-f', '-', '--name', name, '-n', ns, '-o', 'json'], { stdin: objects });
    expect(first.code, first.stderr).toBe(0);
    expect(actions(JSON.parse(first.stdout) as ResultJson)).toEqual({ [`Namespace/${ns}`]: 'created', 'ConfigMap/one': 'created', 'ConfigMap/two': 'created' });
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'two' })).toBeDefined();

    const fewer = objects.split('---\n').slice(0, 2).join('---\n');
    const kept = await syncprims(['apply', '-f', '-', '--name', name, '-n', ns, '--prune=false'], { stdin: fewer });
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).not.toContain('pruned');
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'two' })).toBeDefined();

    const pruned = await syncprims(['apply', '-f', '-', '--name', name, '-n', ns], { stdin: fewer });
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain(`pruned     ConfigMap ${ns}/two\n`);
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'two' })).toBeUndefined();
    expect((await syncprims(['delete', '--name', name])).code).toBe(0);
  });

  it('exits 2 for a bad manifest, naming the file, and writes nothing', async () => {
    const { ns, name, dir } = scenario('cli-bad');
    writeFileSync(join(dir, 'good.yaml'), configMap(ns, 'good', { a: '1' }));
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  namespace: [oops\n');
    const run = await syncprims(['apply', '-f', dir, '--name', name]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error [INVALID_MANIFEST]: ${join(dir, 'broken.yaml')}, document 0`);
    expect(run.stdout).toMatch(new RegExp(`^${name}: failed in \\S+: invalid desired set`, 'm'));
    expect(await client.get({ apiVersion: 'v1', kind: 'Namespace', name: ns })).toBeUndefined();

    const missingNs = await syncprims(['apply', '-f', '-', '--name', name, '-o', 'json'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' });
    expect(missingNs.code).toBe(2);
    expect((JSON.parse(missingNs.stdout) as ResultJson).error?.code).toBe('MISSING_NAMESPACE');
  });

  it('exits 1 when objects are not ready within --timeout, naming what it waited for', async () => {
    const { ns, name, dir } = scenario('cli-wait');
    writeFileSync(
      join(dir, 'deployment.yaml'),
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: syncprims.invalid/never-pulled:0}]}\n`,
    );
    const run = await syncprims(['apply', '-f', dir, '--name', name, '--timeout', '2s', '-o', 'json']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as ResultJson & { notReady: { ref: { kind: string; name: string } }[] };
    expect(json.state).toBe('timeout');
    expect(json.error?.code).toBe('TIMEOUT');
    expect(json.notReady.map((n) => `${n.ref.kind}/${n.ref.name}`)).toEqual(['Deployment/web']);
    expect(run.stderr).toContain(`${name}: waiting for Deployment ${ns}/web`);
    expect((await syncprims(['delete', '--name', name])).code).toBe(0);
  });

  it('exits 130 on Ctrl-C while waiting, after recording what it applied', async () => {
    const { ns, name, dir } = scenario('cli-int');
    writeFileSync(
      join(dir, 'deployment.yaml'),
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: syncprims.invalid/never-pulled:0}]}\n`,
    );
    const run = await syncprims(['apply', '-f', dir, '--name', name, '--timeout', '5m'], { interruptWhen: (err) => (err.includes('waiting for') ? 'SIGINT' : undefined) });
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/interrupted\n$/);
    const deleted = JSON.parse((await syncprims(['delete', '--name', name, '-o', 'json'])).stdout) as ResultJson;
    expect(actions(deleted)).toEqual({ [`Namespace/${ns}`]: 'pruned', 'Deployment/web': 'pruned' });
  });
});

describe('syncprims crds, status, controller (built CLI, real API server)', () => {
  it('crds prints 3 CRDs that the API server accepts (server-side dry run)', async () => {
    const crds = await syncprims(['crds']);
    expect(crds.code).toBe(0);
    const docs = loadAll(crds.stdout) as { kind: string; metadata: { name: string } }[];
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'CustomResourceDefinition/syncs.syncprims.dev',
      'CustomResourceDefinition/remotesyncs.syncprims.dev',
      'CustomResourceDefinition/proxysyncs.syncprims.dev',
    ]);
    const plan = await syncprims(['apply', '-f', '-', '--name', uniqueName('crds'), '--dry-run', '-o', 'json'], { stdin: crds.stdout });
    expect(plan.code, plan.stderr).toBe(0);
    const json = JSON.parse(plan.stdout) as ResultJson;
    expect(json.state).toBe('planned');
    expect(json.changes).toHaveLength(3);
  });

  it('status -n lists the custom resources of a namespace, or says the CRDs are missing', async () => {
    const ns = uniqueName('cli-status');
    const run = await syncprims(['status', '-n', ns]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`No Sync, RemoteSync or ProxySync resources in namespace ${ns}\\.|The syncprims CRDs are not installed`));
  });

  it('controller runs until SIGTERM and then stops gracefully with exit code 0', async () => {
    const ns = uniqueName('cli-ctrl');
    const run = await syncprims(['controller', '-n', ns, '--leader-elect=false'], { interruptWhen: (err) => (err.includes('controller started') ? 'SIGTERM' : undefined) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/info: controller started .*namespace=cli-ctrl-/);
    expect(run.stderr).toMatch(/info: controller stopped/);
  });
});

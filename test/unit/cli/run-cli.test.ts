/**
 * The real command runner with captured streams. No API server: commands that need one get a
 * kubeconfig pointing at a closed port (127.0.0.1:1), so they fail fast with UNREACHABLE;
 * input validation happens before any request.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/index.js';
import { CLEAR_LINE } from '../../../src/cli/progress-reporter.js';
import { captureIo } from './capture-io.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;
let env: Record<string, string>;

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: blue\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncprims-cli-'));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: closed, cluster: {server: "https://127.0.0.1:1"}}]',
      'users: [{name: u, user: {token: not-a-real-token}}]',
      'contexts: [{name: closed, context: {cluster: closed, user: u}}]',
      'current-context: closed',
      '',
    ].join('\n'),
  );
  env = { HOME: join(dir, 'home'), KUBECONFIG: kubeconfig };
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'settings.yaml'), CONFIGMAP);
  mkdirSync(join(dir, 'bad'));
  writeFileSync(join(dir, 'bad', 'ok.yaml'), CONFIGMAP);
  writeFileSync(join(dir, 'bad', 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [oops\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], options: Parameters<typeof captureIo>[0] = {}) {
  const captured = captureIo({ env, ...options });
  const code = await runCli(argv, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

describe('runCli: help and version', () => {
  it('prints the package version', async () => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `syncprims ${version}\n`, stderr: '' });
    expect(JSON.parse((await run(['version', '-o', 'json'])).stdout)).toEqual({ version });
  });

  it('prints the usage with every command and the exit codes', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of ['apply', 'diff', 'delete', 'status', 'controller', 'crds', 'fleet']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(stdout).toContain('Exit codes: 0 ready (or planned), 1 failed, timed out or blocked, 2 bad input, 130 interrupted.');
  });

  it('prints the flags of one command', async () => {
    const { code, stdout } = await run(['apply', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: syncprims apply -f PATH --name NAME/);
    expect(stdout).toContain('--target-namespace NS');
  });
});

describe('runCli: bad input exits 2', () => {
  it('names an unknown flag on stderr and points at the help; nothing on stdout', async () => {
    const { code, stdout, stderr } = await run(['apply', '--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe("error [INVALID_OPTIONS]: unknown flag --bogus\nRun 'syncprims help apply' for usage.\n");
  });

  it('gives scripts a JSON error on stdout with -o json', async () => {
    const { code, stdout } = await run(['-o', 'json', 'apply', '--timeout', '5']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({ error: { name: 'OptionsError', code: 'INVALID_OPTIONS', message: expect.stringMatching(/^--name|^apply needs --name/) as unknown, retryable: false } });
  });

  it.each([
    [['apply', '-f', 'x'], /apply needs --name/],
    [['diff', '--name', 'app'], /-f\/--filename is required/],
    [['apply', '-f', 'x', '--name', 'app', '--timeout', '5'], /--timeout: "5" is not a duration above zero/],
    [['apply', '-f', 'x', '--name', 'app', '--concurrency', '0'], /--concurrency: "0" is not a whole number/],
    [['apply', '-f', 'x', '--name', 'Not_A_Name'], /`name` must be a lowercase DNS-1123 name/],
    [['apply', '-f', 'x', '--name', 'app', '--target-namespace', 'Bad_NS'], /`targetNamespace` must be a DNS-1123 label/],
    [['delete'], /delete needs --name/],
    [['fleet', 'sideways'], /fleet: expected up, down or status/],
    [['help', 'nope'], /unknown command "nope"/],
  ])('%j', async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error \[INVALID_OPTIONS\]: /);
    expect(stderr).toMatch(message);
  });

  it('names the malformed file and document; the other files are fine', async () => {
    const { code, stdout, stderr } = await run(['apply', '-f', join(dir, 'bad'), '--name', 'app']);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^app: failed in \S+: invalid desired set: /);
    expect(stderr).toContain(`error [INVALID_MANIFEST]: ${join(dir, 'bad', 'broken.yaml')}, document 0 (line 1): malformed YAML`);
    expect(stderr).not.toContain('ok.yaml');
  });

  it('lists every validation issue in -o json, with file and document', async () => {
    const { code, stdout } = await run(['apply', '-f', join(dir, 'bad'), '-f', join(dir, 'missing.yaml'), '--name', 'app', '-o', 'json']);
    expect(code).toBe(2);
    const json = JSON.parse(stdout) as { state: string; error: { code: string; issues: { source: { origin: string; document?: number } }[] } };
    expect(json.state).toBe('failed');
    expect(json.error.code).toBe('INVALID_MANIFEST');
    expect(json.error.issues.map((i) => i.source)).toEqual([{ origin: join(dir, 'bad', 'broken.yaml'), document: 0 }, { origin: join(dir, 'missing.yaml') }]);
  });

  it('reads -f - from stdin and names it in errors', async () => {
    const { code, stderr } = await run(['apply', '-f', '-', '--name', 'app'], { stdin: ['kind: [\n'] });
    expect(code).toBe(2);
    expect(stderr).toContain('error [INVALID_MANIFEST]: stdin, document 0 (line 1): malformed YAML');
  });

  it('refuses a missing kubeconfig', async () => {
    const { code, stderr } = await run(['status'], { env: { HOME: join(dir, 'home'), KUBECONFIG: join(dir, 'nope.yaml') } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error \[KUBECONFIG_INVALID\]: no kubeconfig: none of the files in \$KUBECONFIG exists/);
  });
});

describe('runCli: failures exit 1', () => {
  it('apply: an unreachable cluster fails the pass; -o json prints the SyncResult', async () => {
    const { code, stdout, stderr } = await run(['apply', '-f', join(dir, 'app'), '--name', 'app', '-o', 'json']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'app', ready: false, state: 'failed', changes: [], error: { code: 'UNREACHABLE', retryable: true, name: 'ClusterAccessError' } });
    expect(Object.keys(json['error'] as object).sort()).toEqual(['code', 'message', 'name', 'retryable']);
    expect(stdout).not.toContain('not-a-real-token');
    expect(stderr).toMatch(/^error \[UNREACHABLE\]: API server 127\.0\.0\.1:1 unreachable/m);
  });

  it('status and delete report the unreachable cluster', async () => {
    const status = await run(['status']);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/^error \[UNREACHABLE\]/);
    const del = await run(['delete', '--name', 'app', '--kubeconfig', env['KUBECONFIG']!]);
    expect(del.code).toBe(1);
    expect(del.stdout).toMatch(/^app: failed in /);
  });

  it('fleet status exits 1 when no fleet runs in --dir', async () => {
    const { code, stdout, stderr } = await run(['fleet', 'status', '--dir', join(dir, 'no-fleet'), '-o', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ running: false, dir: join(dir, 'no-fleet') });
    expect(stderr).toBe(`no running fleet in ${join(dir, 'no-fleet')}\n`);
  });
});

describe('runCli: output', () => {
  it('crds prints three CustomResourceDefinitions as YAML documents', async () => {
    const { code, stdout, stderr } = await run(['crds']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const docs = loadAll(stdout) as { apiVersion: string; kind: string; metadata: { name: string } }[];
    expect(docs.map((d) => `${d.apiVersion} ${d.kind} ${d.metadata.name}`)).toEqual([
      'apiextensions.k8s.io/v1 CustomResourceDefinition syncs.syncprims.dev',
      'apiextensions.k8s.io/v1 CustomResourceDefinition remotesyncs.syncprims.dev',
      'apiextensions.k8s.io/v1 CustomResourceDefinition proxysyncs.syncprims.dev',
    ]);
    expect(stdout).not.toMatch(/&ref|\*ref/); // no YAML anchors: kubectl and other tools read it plainly
  });

  it('crds -o json prints a v1 List of the same objects', async () => {
    const yaml = loadAll((await run(['crds'])).stdout);
    const { code, stdout } = await run(['crds', '-o', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ apiVersion: 'v1', kind: 'List', items: yaml });
  });

  it('on a terminal, never leaves a progress line behind the result', async () => {
    const { stderr } = await run(['apply', '-f', join(dir, 'app'), '--name', 'app'], { isTTY: true });
    const lastClear = stderr.lastIndexOf(CLEAR_LINE);
    const tail = lastClear < 0 ? stderr : stderr.slice(lastClear + CLEAR_LINE.length);
    expect(tail).toMatch(/^error \[UNREACHABLE\][^\r]*\n$/);
  });
});

describe('runCli: interrupts', () => {
  it('exits 130 when the signal aborts (Ctrl-C), here while reading stdin', async () => {
    const stdin = new PassThrough();
    const captured = captureIo({ env, stdin });
    const running = runCli(['apply', '-f', '-', '--name', 'app'], captured.io);
    setTimeout(() => captured.abort(), 20);
    expect(await running).toBe(130);
    expect(captured.stderr()).toBe('interrupted\n');
    expect(captured.stdout()).toBe('');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveKubeconfigPath } from '../../../src/cluster/resolve-kubeconfig-path.js';
import { Cluster } from '../../../src/cluster/cluster.js';
import { pickKubeconfig, KUBECONFIG_SECRET_KEYS } from '../../../src/cluster/read-kubeconfig-secret.js';
import { impersonationHeaders } from '../../../src/cluster/impersonation.js';
import { isSyncError, OptionsError } from '../../../src/core/sync-error.js';
import { TOKEN, TOKEN_KUBECONFIG } from './kubeconfig-fixtures.js';

const ref = { namespace: 'fleet', name: 'edge-1-kubeconfig' };
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const secret = (data: Record<string, string> | null, rv = '42') => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: ref.name, namespace: ref.namespace, resourceVersion: rv }, data });

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isSyncError(err)) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'no error';
}

describe('pickKubeconfig', () => {
  it('tries value, value.yaml, kubeconfig in that order', () => {
    expect(KUBECONFIG_SECRET_KEYS).toEqual(['value', 'value.yaml', 'kubeconfig']);
    expect(pickKubeconfig(secret({ kubeconfig: b64('a: 1'), 'value.yaml': b64(TOKEN_KUBECONFIG) }), ref)).toMatchObject({ key: 'value.yaml', text: TOKEN_KUBECONFIG, resourceVersion: '42' });
    expect(pickKubeconfig(secret({ kubeconfig: b64(TOKEN_KUBECONFIG) }), ref).key).toBe('kubeconfig');
  });

  it('uses only the given key', () => {
    const message = codeOf(() => pickKubeconfig(secret({ value: b64(TOKEN_KUBECONFIG) }), { ...ref, key: 'config' }));
    expect(message).toMatch(/^SECRET_KEY_MISSING: Secret fleet\/edge-1-kubeconfig has no key "config" \(keys present: value\)/);
  });

  it('names the keys tried and present, never the values', () => {
    const message = codeOf(() => pickKubeconfig(secret({ token: b64(TOKEN), 'ca.crt': b64('x') }), ref));
    expect(message).toContain('SECRET_KEY_MISSING');
    expect(message).toContain('"value", "value.yaml", "kubeconfig"');
    expect(message).toContain('keys present: token, ca.crt');
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain(b64(TOKEN));
    expect(codeOf(() => pickKubeconfig(secret(null), ref))).toContain('keys present: none');
  });

  it('refuses an empty value and a malformed Secret', () => {
    expect(codeOf(() => pickKubeconfig(secret({ value: '' }), ref))).toMatch(/^KUBECONFIG_INVALID: .*"value" is empty/);
    expect(codeOf(() => pickKubeconfig({ metadata: {}, data: { value: 7 } }, ref))).toMatch(/^KUBECONFIG_INVALID: .*data.value: expected string/);
  });
});

describe('impersonationHeaders', () => {
  it('impersonates a ServiceAccount as its user name', () => {
    expect(impersonationHeaders({ serviceAccount: { namespace: 'team-a', name: 'deployer' } })).toEqual({ 'Impersonate-User': 'system:serviceaccount:team-a:deployer' });
    expect(impersonationHeaders({ user: 'jane', groups: ['devs', 'ops'] })).toEqual({ 'Impersonate-User': 'jane', 'Impersonate-Group': ['devs', 'ops'] });
  });

  it('refuses ambiguous or empty identities', () => {
    expect(() => impersonationHeaders({})).toThrow(OptionsError);
    expect(() => impersonationHeaders({ user: 'a', serviceAccount: { namespace: 'b', name: 'c' } })).toThrow(/exactly one/);
    expect(() => impersonationHeaders({ serviceAccount: { namespace: '', name: 'c' } })).toThrow(/namespace/);
    expect(() => impersonationHeaders({ user: 'a', groups: [''] })).toThrow(/groups/);
  });
});

describe('Cluster factories', () => {
  it('do no I/O: a missing kubeconfig file fails at connect() with KUBECONFIG_INVALID', async () => {
    const cluster = Cluster.fromKubeconfig({ path: '/nonexistent/kubeconfig' });
    expect(cluster.name).toBe('kubeconfig /nonexistent/kubeconfig');
    const err = await cluster.connect().catch((e: unknown) => e);
    expect(isSyncError(err) && err.code).toBe('KUBECONFIG_INVALID');
    expect((err as Error).message).toContain('/nonexistent/kubeconfig');
    expect((err as Error).message).toContain('ENOENT');
  });

  it('throw OptionsError for bad options', () => {
    expect(() => Cluster.fromKubeconfig({ path: 'a', yaml: 'b' })).toThrow(OptionsError);
    expect(() => Cluster.fromKubeconfig({ connectTimeoutMs: 0 })).toThrow(/connectTimeoutMs/);
    expect(() => Cluster.fromKubeconfig({ maxSockets: 1.5 })).toThrow(/maxSockets/);
    expect(() => Cluster.fromKubeconfig({ contxt: 'x' } as never)).toThrow(/unknown option `contxt`/);
    expect(() => Cluster.fromKubeconfig({ impersonate: {} })).toThrow(/impersonate/);
    const mgmt = Cluster.fromKubeconfig({ yaml: TOKEN_KUBECONFIG });
    expect(() => Cluster.fromSecret(mgmt, { namespace: '', name: 'x' })).toThrow(/namespace/);
    expect(() => Cluster.fromSecret({} as Cluster, ref)).toThrow(/mgmt/);
    expect(() => Cluster.fromSecret(mgmt, ref, { allowExec: 'yes' as never })).toThrow(/allowExec/);
    expect(() => Cluster.fromKubeConfig({} as never)).toThrow(/KubeConfig/);
  });

  it('name the cluster after its context, Secret or identity', async () => {
    const mgmt = Cluster.fromKubeconfig({ yaml: TOKEN_KUBECONFIG });
    expect(mgmt.name).toBe('kubeconfig');
    await mgmt.connect();
    expect(mgmt.name).toBe('edge');
    expect(Cluster.fromKubeconfig({ yaml: TOKEN_KUBECONFIG, name: 'mgmt' }).name).toBe('mgmt');
    const edge = Cluster.fromSecret(mgmt, ref);
    expect(edge.name).toBe('secret fleet/edge-1-kubeconfig');
    expect(edge.impersonate({ serviceAccount: { namespace: 'a', name: 'b' } }).name).toBe('secret fleet/edge-1-kubeconfig as system:serviceaccount:a:b');
    mgmt.close();
  });

  it('describe where their credentials come from', () => {
    const mgmt = Cluster.fromKubeconfig({ path: '/k/config', context: 'mgmt' });
    expect(mgmt.origin).toEqual({ kind: 'kubeconfig', path: '/k/config', context: 'mgmt' });
    const edge = Cluster.fromSecret(mgmt, { ...ref, key: 'value' });
    expect(edge.origin.kind).toBe('secret');
    expect(edge.origin.management).toBe(mgmt);
    expect(edge.origin.secret).toEqual({ ...ref, key: 'value' });
    expect(edge.impersonate({ user: 'jane' }).origin).toBe(edge.origin);
    expect(Cluster.inCluster().origin).toEqual({ kind: 'in-cluster' });
  });

  it('resolve the default kubeconfig like kubectl: first existing $KUBECONFIG file, else ~/.kube/config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const file = join(dir, 'config');
    writeFileSync(file, TOKEN_KUBECONFIG);
    expect(resolveKubeconfigPath({ KUBECONFIG: `${join(dir, 'missing')}${delimiter}${file}` }, '/nohome')).toBe(file);
    expect(() => resolveKubeconfigPath({ KUBECONFIG: join(dir, 'missing') }, '/nohome')).toThrow(/none of the files in \$KUBECONFIG exists/);
    mkdirSync(join(dir, '.kube'));
    writeFileSync(join(dir, '.kube', 'config'), TOKEN_KUBECONFIG);
    expect(resolveKubeconfigPath({}, dir)).toBe(join(dir, '.kube', 'config'));
    expect(() => resolveKubeconfigPath({}, '/nohome')).toThrow(/\/nohome\/.kube\/config does not exist/);
    rmSync(dir, { recursive: true });
  });

  it('report kubeconfig warnings through onWarning and the client', async () => {
    const seen: string[] = [];
    const yaml = TOKEN_KUBECONFIG.replace('    certificate-authority-data:', '    insecure-skip-tls-verify: true\n    x-certificate-authority-data:');
    const cluster = Cluster.fromKubeconfig({ yaml, onWarning: (w) => seen.push(w.code) });
    const client = await cluster.connect();
    expect(seen).toEqual(['INSECURE_SKIP_TLS_VERIFY']);
    expect(client.warnings?.map((w) => w.code)).toEqual(['INSECURE_SKIP_TLS_VERIFY']);
    await cluster.connect();
    expect(seen).toHaveLength(1); // once per connection, not per connect()
    cluster.close();
  });

  it('rejects connect() with the abort reason', async () => {
    const cluster = Cluster.fromKubeconfig({ yaml: TOKEN_KUBECONFIG });
    const reason = new Error('cancelled');
    await expect(cluster.connect({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});

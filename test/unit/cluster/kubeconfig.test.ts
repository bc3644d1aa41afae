import { describe, expect, it } from 'vitest';
import { KubeconfigError } from '../../../src/core/sync-error.js';
import { parseKubeconfig } from '../../../src/cluster/parse-kubeconfig.js';
import { checkKubeconfigPolicy } from '../../../src/cluster/check-kubeconfig-policy.js';
import { resolveContext } from '../../../src/cluster/resolve-context.js';
import { loadKubeconfig } from '../../../src/cluster/load-kubeconfig.js';
import { kubeconfigWarnings } from '../../../src/cluster/kubeconfig-warnings.js';
import { resolveConnectionSettings } from '../../../src/cluster/connection-settings.js';
import {
  AUTH_PROVIDER_KUBECONFIG,
  CA_FILE_KUBECONFIG,
  CLIENT_CERT_FILE_KUBECONFIG,
  EXEC_KUBECONFIG,
  INSECURE_KUBECONFIG,
  kubeconfig,
  TOKEN,
  TOKEN_FILE_KUBECONFIG,
  TOKEN_KUBECONFIG,
} from './kubeconfig-fixtures.js';

const origin = 'kubeconfig in Secret fleet/edge-1-kubeconfig (key "value")';
const secretRef = { apiVersion: 'v1', kind: 'Secret', namespace: 'fleet', name: 'edge-1-kubeconfig' };

function thrown(fn: () => unknown): KubeconfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KubeconfigError);
    return err as KubeconfigError;
  }
  throw new Error('expected a KubeconfigError');
}

describe('parseKubeconfig (io-ts codec)', () => {
  it('decodes a real kubeconfig', () => {
    const doc = parseKubeconfig(TOKEN_KUBECONFIG, origin);
    expect(doc['current-context']).toBe('edge');
    expect(doc.clusters?.[0]?.cluster.server).toBe('https://127.0.0.1:6443');
    expect(doc.users?.[0]?.user?.token).toBe(TOKEN);
  });

  it('names the path of a wrong type, never the value', () => {
    const err = thrown(() => parseKubeconfig(kubeconfig('    token: 123456789'), origin, secretRef));
    expect(err.code).toBe('KUBECONFIG_INVALID');
    expect(err.message).toContain('users[0].user.token: expected string');
    expect(err.message).not.toContain('123456789');
    expect(err.message).toContain(origin);
    expect(err.ref).toEqual(secretRef);
  });

  it('names a missing required field', () => {
    const text = TOKEN_KUBECONFIG.replace('    server: https://127.0.0.1:6443\n', '');
    const err = thrown(() => parseKubeconfig(text, origin));
    expect(err.message).toContain('clusters[0].cluster.server: missing (expected string)');
  });

  it('refuses text that is not a kubeconfig, without quoting it', () => {
    expect(thrown(() => parseKubeconfig(TOKEN, origin)).message).toContain('(root): expected a mapping');
    expect(thrown(() => parseKubeconfig('kind: Pod\nmetadata: {}', origin)).message).toContain('kind: expected "Config"');
    expect(thrown(() => parseKubeconfig('   \n', origin)).message).toContain('empty kubeconfig');
  });

  it('reports YAML syntax errors by line and column only (js-yaml quotes the line)', () => {
    const text = `users:\n- name: admin\n  user:\n    token: "${TOKEN}\n  bad: [`;
    const err = thrown(() => parseKubeconfig(text, origin));
    expect(err.message).toMatch(/not valid YAML: .* at line \d+, column \d+/);
    expect(err.message).not.toContain(TOKEN);
  });

  it('accepts null lists as kubectl writes them', () => {
    const doc = parseKubeconfig('apiVersion: v1\nkind: Config\nclusters: null\nusers: null\ncontexts: null\ncurrent-context: ""\n', origin);
    expect(doc.clusters).toBeNull();
  });
});

describe('checkKubeconfigPolicy', () => {
  const none = {};
  it.each([
    [EXEC_KUBECONFIG, 'users[0].user.exec', 'allowExec'],
    [AUTH_PROVIDER_KUBECONFIG, 'users[0].user.auth-provider', 'allowExec'],
    [TOKEN_FILE_KUBECONFIG, 'users[0].user.tokenFile', 'allowFileRefs'],
    [CLIENT_CERT_FILE_KUBECONFIG, 'users[0].user.client-certificate', 'allowFileRefs'],
    [CA_FILE_KUBECONFIG, 'clusters[0].cluster.certificate-authority', 'allowFileRefs'],
  ])('refuses %#: names %s and the %s opt-in', (text, field, option) => {
    const doc = parseKubeconfig(text, origin);
    const err = thrown(() => checkKubeconfigPolicy(doc, none, origin, secretRef));
    expect(err.code).toBe('KUBECONFIG_NOT_ALLOWED');
    expect(err.message).toContain(field);
    expect(err.message).toContain(`${option}: true`);
    expect(err.message).not.toContain(TOKEN);
    expect(err.retryable).toBe(false);
    // The matching opt-in allows it.
    expect(() => checkKubeconfigPolicy(doc, { [option]: true }, origin)).not.toThrow();
  });

  it('does not let one opt-in stand for the other', () => {
    expect(() => checkKubeconfigPolicy(parseKubeconfig(EXEC_KUBECONFIG, origin), { allowFileRefs: true }, origin)).toThrow(/allowExec/);
    expect(() => checkKubeconfigPolicy(parseKubeconfig(TOKEN_FILE_KUBECONFIG, origin), { allowExec: true }, origin)).toThrow(/allowFileRefs/);
  });

  it('allows static credentials', () => {
    expect(() => checkKubeconfigPolicy(parseKubeconfig(TOKEN_KUBECONFIG, origin), none, origin)).not.toThrow();
  });

  it('checks users no context uses too (client-node reads their token files while loading)', () => {
    const text = TOKEN_KUBECONFIG.replace('contexts:', `- name: unused\n  user:\n    token-file: /etc/shadow\ncontexts:`);
    expect(thrown(() => checkKubeconfigPolicy(parseKubeconfig(text, origin), none, origin)).message).toContain('users[1].user.token-file');
  });
});

describe('resolveContext', () => {
  it('uses current-context or the given context', () => {
    const doc = parseKubeconfig(TOKEN_KUBECONFIG, origin);
    expect(resolveContext(doc, origin)).toBe('edge');
    expect(thrown(() => resolveContext(doc, origin, 'nope')).message).toContain('context "nope" not found (contexts: edge)');
  });

  it('fails with KUBECONFIG_INVALID when there is no current context', () => {
    const doc = parseKubeconfig(kubeconfig(`    token: ${TOKEN}`, '', '""'), origin);
    const err = thrown(() => resolveContext(doc, origin));
    expect(err.code).toBe('KUBECONFIG_INVALID');
    expect(err.message).toContain('no current context');
  });

  it('names a context pointing at a missing cluster or user', () => {
    const doc = parseKubeconfig(TOKEN_KUBECONFIG.replace('    cluster: edge-1\n    user: admin', '    cluster: edge-9\n    user: admin'), origin);
    expect(thrown(() => resolveContext(doc, origin)).message).toContain('contexts[0].context.cluster: no cluster named "edge-9"');
  });
});

describe('loadKubeconfig', () => {
  it('loads into a client-node KubeConfig and resolves TLS and the bearer token', async () => {
    const kc = loadKubeconfig(TOKEN_KUBECONFIG, origin, { policy: {} });
    expect(kc.getCurrentContext()).toBe('edge');
    const settings = await resolveConnectionSettings(kc, origin);
    expect(settings.hostPort).toBe('127.0.0.1:6443');
    expect(settings.tls?.ca).toBeInstanceOf(Buffer);
    expect(await settings.authHeaders()).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
  });

  it('refuses a policy violation before client-node reads any file', () => {
    const text = TOKEN_KUBECONFIG.replace('contexts:', `- name: other\n  user:\n    token-file: /nonexistent/token\ncontexts:`);
    expect(thrown(() => loadKubeconfig(text, origin, { policy: {} })).code).toBe('KUBECONFIG_NOT_ALLOWED');
    // Without a policy (your own kubeconfig) the file is read, and its absence is reported by path.
    const err = thrown(() => loadKubeconfig(text, origin));
    expect(err.code).toBe('KUBECONFIG_INVALID');
    expect(err.message).toContain('/nonexistent/token');
  });

  it('warns about insecure-skip-tls-verify and turns off certificate checks', async () => {
    const kc = loadKubeconfig(INSECURE_KUBECONFIG, origin, { policy: {} });
    const warnings = kubeconfigWarnings(kc, origin);
    expect(warnings.map((w) => w.code)).toEqual(['INSECURE_SKIP_TLS_VERIFY']);
    expect(warnings[0]?.message).not.toContain(TOKEN);
    expect((await resolveConnectionSettings(kc, origin)).tls?.rejectUnauthorized).toBe(false);
    expect(kubeconfigWarnings(loadKubeconfig(TOKEN_KUBECONFIG, origin), origin)).toEqual([]);
  });

  it('turns basic auth into an Authorization header and keeps kubeconfig impersonation', async () => {
    const kc = loadKubeconfig(kubeconfig('    username: ops\n    password: pw-SECRET\n    as: jane'), origin, { policy: {} });
    const headers = await (await resolveConnectionSettings(kc, origin)).authHeaders();
    expect(headers['Authorization']).toBe(`Basic ${Buffer.from('ops:pw-SECRET').toString('base64')}`);
    expect(headers['Impersonate-User']).toBe('jane');
  });
});

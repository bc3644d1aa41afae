import { describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { renderKubeconfig } from '../../../src/fleet/render-kubeconfig.js';
import { renderTokenFile } from '../../../src/fleet/token-file.js';

const caPem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('renderKubeconfig', () => {
  it('renders a kubeconfig the Kubernetes client loads, CA embedded', () => {
    const yaml = renderKubeconfig(
      [
        { context: 'mgmt', cluster: 'mgmt', server: 'https://127.0.0.1:6443', caPem, user: 'mgmt', token: 'abc' },
        { context: 'mgmt-restricted', cluster: 'mgmt', server: 'https://127.0.0.1:6443', caPem, user: 'mgmt-restricted', token: 'def' },
      ],
      'mgmt-restricted',
    );
    const kc = new KubeConfig();
    kc.loadFromString(yaml);
    expect(kc.getCurrentContext()).toBe('mgmt-restricted');
    expect(kc.getContexts().map((c) => c.name)).toEqual(['mgmt', 'mgmt-restricted']);
    expect(kc.getClusters()).toHaveLength(1);
    expect(Buffer.from(kc.getCurrentCluster()!.caData!, 'base64').toString()).toBe(caPem);
    expect(kc.getCurrentUser()!.token).toBe('def');
  });

  it('quotes values, so names YAML would misread stay strings', () => {
    const yaml = renderKubeconfig([{ context: 'yes', cluster: '123', server: 'https://127.0.0.1:1', caPem, user: 'null', token: '0x1' }], 'yes');
    const kc = new KubeConfig();
    kc.loadFromString(yaml);
    expect(kc.getCurrentContext()).toBe('yes');
    expect(kc.getCurrentUser()).toMatchObject({ name: 'null', token: '0x1' });
    expect(kc.getCurrentCluster()!.name).toBe('123');
  });
});

describe('renderTokenFile', () => {
  it('writes token,user,uid and quoted groups', () => {
    expect(
      renderTokenFile([
        { token: 't1', user: 'admin', uid: 'uid-admin', groups: ['system:masters'] },
        { token: 't2', user: 'restricted', uid: 'uid-restricted', groups: [] },
        { token: 't3', user: 'svc', uid: 'u3', groups: ['a', 'b'] },
      ]),
    ).toBe('t1,admin,uid-admin,"system:masters"\nt2,restricted,uid-restricted\nt3,svc,u3,"a,b"\n');
  });
});

import { describe, expect, it } from 'vitest';
import { apiServerArgs, controllerManagerArgs, etcdArgs, parseMinorVersion } from '../../../src/fleet/component-args.js';

describe('component command lines', () => {
  it('keeps etcd on loopback with the given ports', () => {
    const args = etcdArgs({ dataDir: '/f/etcd', clientPort: 4001, peerPort: 4002 });
    expect(args).toContain('--listen-client-urls=http://127.0.0.1:4001');
    expect(args).toContain('--initial-cluster=syncprims=http://127.0.0.1:4002');
    expect(args).toContain('--data-dir=/f/etcd');
  });

  it('gives each API server its etcd prefix, port, token file and RBAC', () => {
    const args = apiServerArgs({
      cluster: 'edge-1',
      etcdUrl: 'http://127.0.0.1:4001',
      port: 6443,
      servingCert: 'c.crt',
      servingKey: 'c.key',
      tokenFile: 't.csv',
      saPublicKey: 'sa.pub',
      saPrivateKey: 'sa.key',
    });
    expect(args).toEqual(
      expect.arrayContaining([
        '--etcd-prefix=/edge-1',
        '--bind-address=127.0.0.1',
        '--secure-port=6443',
        '--token-auth-file=t.csv',
        '--authorization-mode=RBAC',
        '--service-account-key-file=sa.pub',
        '--service-account-signing-key-file=sa.key',
        '--service-account-issuer=https://kubernetes.default.svc',
      ]),
    );
  });

  it('disables insecure serving of the controller-manager only where the flag exists (< 1.24)', () => {
    const base = { kubeconfig: 'k', saPrivateKey: 'sa.key', caCert: 'ca.crt' };
    expect(controllerManagerArgs({ ...base, minorVersion: 20 })).toContain('--port=0');
    expect(controllerManagerArgs({ ...base, minorVersion: 24 })).not.toContain('--port=0');
    const controllers = controllerManagerArgs({ ...base, minorVersion: 20 }).find((a) => a.startsWith('--controllers='));
    expect(controllers).toBe(
      '--controllers=*,-nodeipam,-nodelifecycle,-cloud-node-lifecycle,-attachdetach,-persistentvolume-binder,-tokencleaner,-bootstrapsigner',
    );
  });

  it('reads the minor version from --version output', () => {
    expect(parseMinorVersion('Kubernetes v1.20.2\n')).toBe(20);
    expect(parseMinorVersion('Kubernetes v1.32.0-alpha.1')).toBe(32);
    expect(parseMinorVersion('garbage')).toBeUndefined();
  });
});

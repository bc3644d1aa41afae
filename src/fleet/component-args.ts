/** Inputs of {@link etcdArgs}. */
export interface EtcdArgsInput {
  dataDir: string;
  clientPort: number;
  peerPort: number;
}

/**
 * The command line of the fleet's single-member etcd, on loopback only. `--unsafe-no-fsync`:
 * test data survives a process kill (the page cache does) but not a machine crash, and
 * fsync-bound etcd writes would otherwise dominate apply latency on slow disks.
 */
export function etcdArgs(input: EtcdArgsInput): string[] {
  const client = `http://127.0.0.1:${input.clientPort}`;
  const peer = `http://127.0.0.1:${input.peerPort}`;
  return [
    '--name=syncprims',
    `--data-dir=${input.dataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=syncprims=${peer}`,
    '--initial-cluster-state=new',
    '--unsafe-no-fsync',
    '--logger=zap',
  ];
}

/** Inputs of {@link apiServerArgs}. */
export interface ApiServerArgsInput {
  cluster: string;
  etcdUrl: string;
  port: number;
  servingCert: string;
  servingKey: string;
  tokenFile: string;
  saPublicKey: string;
  saPrivateKey: string;
}

/** The command line of a cluster's kube-apiserver: loopback, token auth, RBAC, data under `/<cluster>` in etcd. */
export function apiServerArgs(input: ApiServerArgsInput): string[] {
  return [
    `--etcd-servers=${input.etcdUrl}`,
    `--etcd-prefix=/${input.cluster}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${input.port}`,
    `--tls-cert-file=${input.servingCert}`,
    `--tls-private-key-file=${input.servingKey}`,
    `--token-auth-file=${input.tokenFile}`,
    '--service-account-issuer=https://kubernetes.default.svc',
    `--service-account-key-file=${input.saPublicKey}`,
    `--service-account-signing-key-file=${input.saPrivateKey}`,
    '--authorization-mode=RBAC',
    '--service-cluster-ip-range=10.0.0.0/24',
    '--profiling=false',
  ];
}

/** Inputs of {@link controllerManagerArgs}. */
export interface ControllerManagerArgsInput {
  kubeconfig: string;
  saPrivateKey: string;
  caCert: string;
  /** The binary's minor version: `--port` (insecure serving) exists up to 1.23 only. */
  minorVersion: number;
}

/**
 * Controllers left out: those that need nodes, a cloud or volumes, and the bootstrap-token
 * ones. Namespace deletion, garbage collection, Deployments/ReplicaSets, Jobs and service
 * accounts (with their tokens) all run.
 */
export const DISABLED_CONTROLLERS = [
  'nodeipam',
  'nodelifecycle',
  'cloud-node-lifecycle',
  'attachdetach',
  'persistentvolume-binder',
  'tokencleaner',
  'bootstrapsigner',
];

/** The command line of a cluster's kube-controller-manager: no listening port, no leader election. */
export function controllerManagerArgs(input: ControllerManagerArgsInput): string[] {
  return [
    `--kubeconfig=${input.kubeconfig}`,
    `--service-account-private-key-file=${input.saPrivateKey}`,
    `--root-ca-file=${input.caCert}`,
    '--bind-address=127.0.0.1',
    '--secure-port=0',
    ...(input.minorVersion < 24 ? ['--port=0'] : []),
    '--leader-elect=false',
    `--controllers=*,${DISABLED_CONTROLLERS.map((c) => `-${c}`).join(',')}`,
  ];
}

/** Parses the minor version from `--version` output (`Kubernetes v1.20.2` -> 20), or undefined. */
export function parseMinorVersion(versionOutput: string): number | undefined {
  const match = /v1\.(\d+)\./.exec(versionOutput);
  return match ? Number(match[1]) : undefined;
}

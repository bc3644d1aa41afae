import { join } from 'node:path';
import type { FleetState } from './fleet-state.js';
import type { ClusterMaterial } from './prepare-cluster.js';
import { FLEET_USERS } from './fleet-user.js';
import { apiServerArgs, controllerManagerArgs, etcdArgs } from './component-args.js';

/** Inputs of {@link initialFleetState}. */
export interface InitialStateInput {
  dir: string;
  createdDir: boolean;
  binDir: string;
  names: string[];
  materials: ClusterMaterial[];
  etcdPorts: { client: number; peer: number };
  ports: Map<string, number>;
  controllerManager: boolean;
  cmMinor: number;
  detached: boolean;
}

/**
 * The state of a fleet about to start: every process with its command line and log file,
 * none running yet (`pid: null`). Written before the first process starts, so cleanup always
 * knows every process.
 */
export function initialFleetState(input: InitialStateInput): FleetState {
  const { dir, binDir } = input;
  const etcdUrl = `http://127.0.0.1:${input.etcdPorts.client}`;
  const clusters: FleetState['clusters'] = {};
  for (const m of input.materials) {
    const port = input.ports.get(m.name)!;
    clusters[m.name] = {
      name: m.name,
      server: `https://127.0.0.1:${port}`,
      port,
      dir: m.dir,
      caFile: m.certs.caCert,
      tokens: { ...m.tokens },
      kubeconfigs: Object.fromEntries(FLEET_USERS.map((u) => [u, join(m.dir, `${u}.kubeconfig`)])),
      apiServer: {
        command: join(binDir, 'kube-apiserver'),
        args: apiServerArgs({
          cluster: m.name,
          etcdUrl,
          port,
          servingCert: m.certs.servingCert,
          servingKey: m.certs.servingKey,
          tokenFile: m.tokenFile,
          saPublicKey: m.saKeys.publicKey,
          saPrivateKey: m.saKeys.privateKey,
        }),
        log: join(m.dir, 'kube-apiserver.log'),
        pid: null,
      },
      controllerManager: input.controllerManager
        ? {
            command: join(binDir, 'kube-controller-manager'),
            args: controllerManagerArgs({
              kubeconfig: join(m.dir, 'controller-manager.kubeconfig'),
              saPrivateKey: m.saKeys.privateKey,
              caCert: m.certs.caCert,
              minorVersion: input.cmMinor,
            }),
            log: join(m.dir, 'kube-controller-manager.log'),
            pid: null,
          }
        : null,
    };
  }
  return {
    version: 1,
    dir,
    binDir,
    detached: input.detached,
    ownerPid: process.pid,
    createdDir: input.createdDir,
    kubeconfig: join(dir, 'kubeconfig.yaml'),
    clusterNames: input.names,
    etcd: {
      url: etcdUrl,
      clientPort: input.etcdPorts.client,
      peerPort: input.etcdPorts.peer,
      process: {
        command: join(binDir, 'etcd'),
        args: etcdArgs({ dataDir: join(dir, 'etcd'), clientPort: input.etcdPorts.client, peerPort: input.etcdPorts.peer }),
        log: join(dir, 'etcd.log'),
        pid: null,
      },
    },
    clusters,
  };
}

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLEET_USERS, type FleetUser } from './fleet-user.js';
import { renderKubeconfig, type KubeconfigEntry } from './render-kubeconfig.js';
import { CONTROLLER_MANAGER_USER, type ClusterMaterial } from './prepare-cluster.js';

/** The context name of `user` on `cluster`: the cluster name for admin, `<cluster>-<user>` otherwise. */
export function contextName(cluster: string, user: FleetUser): string {
  return user === 'admin' ? cluster : `${cluster}-${user}`;
}

/** The kubeconfig entry of `user` on a cluster. */
export function kubeconfigEntry(material: ClusterMaterial, server: string, user: FleetUser): KubeconfigEntry {
  return {
    context: contextName(material.name, user),
    cluster: material.name,
    server,
    caPem: readFileSync(material.certs.caCert, 'utf8'),
    user: contextName(material.name, user),
    token: material.tokens[user],
  };
}

/** Where the kubeconfig of `user` goes: `<cluster dir>/<user>.kubeconfig`. */
export function kubeconfigPathOf(material: ClusterMaterial, user: FleetUser): string {
  return join(material.dir, `${user}.kubeconfig`);
}

/**
 * Writes a kubeconfig per user (mode 0600) and the controller-manager's own one; returns the
 * paths per user.
 */
export function writeClusterKubeconfigs(material: ClusterMaterial, server: string): { perUser: Record<FleetUser, string>; controllerManager: string } {
  const perUser = {} as Record<FleetUser, string>;
  for (const user of FLEET_USERS) {
    const entry = kubeconfigEntry(material, server, user);
    perUser[user] = kubeconfigPathOf(material, user);
    writeFileSync(perUser[user], renderKubeconfig([entry], entry.context), { mode: 0o600 });
  }
  const controllerManager = join(material.dir, 'controller-manager.kubeconfig');
  const cmEntry: KubeconfigEntry = {
    ...kubeconfigEntry(material, server, 'admin'),
    context: 'controller-manager',
    user: CONTROLLER_MANAGER_USER,
    token: material.controllerManagerToken,
  };
  writeFileSync(controllerManager, renderKubeconfig([cmEntry], cmEntry.context), { mode: 0o600 });
  return { perUser, controllerManager };
}

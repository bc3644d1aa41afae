import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCertificates, type ClusterCertificates } from './generate-certificates.js';
import { generateServiceAccountKeys, type ServiceAccountKeys } from './generate-service-account-keys.js';
import { FLEET_USER_GROUPS, FLEET_USERS, type FleetUser } from './fleet-user.js';
import { renderTokenFile, type StaticToken } from './token-file.js';

/** The identity the controller-manager uses (not one of the {@link FLEET_USERS}). */
export const CONTROLLER_MANAGER_USER = 'system:kube-controller-manager';

/** Everything a cluster needs before its processes start. */
export interface ClusterMaterial {
  name: string;
  dir: string;
  certs: ClusterCertificates;
  saKeys: ServiceAccountKeys;
  tokenFile: string;
  tokens: Record<FleetUser, string>;
  controllerManagerToken: string;
}

/**
 * Creates a cluster's folder (mode 0700) with its CA, serving certificate, service-account
 * key pair and `--token-auth-file` (fresh random tokens for every user and the controller-manager).
 */
export async function prepareCluster(fleetDir: string, name: string, signal?: AbortSignal): Promise<ClusterMaterial> {
  const dir = join(fleetDir, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const certs = await generateCertificates(dir, name, signal);
  const saKeys = generateServiceAccountKeys(dir);
  const newToken = (): string => randomBytes(24).toString('hex');
  const tokens = Object.fromEntries(FLEET_USERS.map((u) => [u, newToken()])) as Record<FleetUser, string>;
  const controllerManagerToken = newToken();
  const entries: StaticToken[] = [
    ...FLEET_USERS.map((user) => ({ token: tokens[user], user, uid: `uid-${user}`, groups: FLEET_USER_GROUPS[user] })),
    { token: controllerManagerToken, user: CONTROLLER_MANAGER_USER, uid: 'uid-kube-controller-manager', groups: ['system:masters'] },
  ];
  const tokenFile = join(dir, 'tokens.csv');
  writeFileSync(tokenFile, renderTokenFile(entries), { mode: 0o600 });
  return { name, dir, certs, saKeys, tokenFile, tokens, controllerManagerToken };
}

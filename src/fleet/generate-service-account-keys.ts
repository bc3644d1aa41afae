import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files {@link generateServiceAccountKeys} writes. */
export interface ServiceAccountKeys {
  /** PKCS#8 private key: `--service-account-signing-key-file`, controller-manager `--service-account-private-key-file`. */
  privateKey: string;
  /** SPKI public key: `--service-account-key-file`. */
  publicKey: string;
}

/** Creates the service-account token signing key pair (ECDSA P-256, ES256 tokens) with node:crypto. */
export function generateServiceAccountKeys(dir: string): ServiceAccountKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const files = { privateKey: join(dir, 'sa.key'), publicKey: join(dir, 'sa.pub') };
  writeFileSync(files.privateKey, privateKey, { mode: 0o600 });
  writeFileSync(files.publicKey, publicKey);
  return files;
}

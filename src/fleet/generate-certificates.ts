import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FleetError } from './fleet-error.js';

/** The files {@link generateCertificates} writes into a cluster folder. */
export interface ClusterCertificates {
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
}

/** Subject alternative names of the API server certificate. */
export const SERVING_CERT_SANS = [
  'IP:127.0.0.1',
  'DNS:localhost',
  'IP:10.0.0.1',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
];

/**
 * Creates a cluster's CA and the API server's serving certificate (P-256 keys, SANs
 * {@link SERVING_CERT_SANS}, valid 10 years) in `dir`.
 *
 * The `openssl` CLI does the work on purpose: node:crypto can make keys but has no API to
 * issue X.509 certificates, and adding a runtime dependency for test certificates is not
 * worth it. Debian ships `openssl`; `scripts/install-k8s.sh` and `.ci/run` install it.
 *
 * Errors: `FleetError` `FLEET_PREREQUISITE` when `openssl` is not installed,
 * `FLEET_START_FAILED` when it fails.
 */
export async function generateCertificates(dir: string, clusterName: string, signal?: AbortSignal): Promise<ClusterCertificates> {
  const files: ClusterCertificates = {
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    servingCert: join(dir, 'apiserver.crt'),
    servingKey: join(dir, 'apiserver.key'),
  };
  const csr = join(dir, 'apiserver.csr');
  const ext = join(dir, 'apiserver.ext');
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(['req', '-x509', ...newKey, '-keyout', files.caKey, '-out', files.caCert, '-days', '3650',
    '-subj', `/CN=syncprims-${clusterName}-ca`], signal);
  await openssl(['req', ...newKey, '-keyout', files.servingKey, '-out', csr, '-subj', '/CN=kube-apiserver'], signal);
  writeFileSync(ext, [
    `subjectAltName=${SERVING_CERT_SANS.join(',')}`,
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    '',
  ].join('\n'));
  await openssl(['x509', '-req', '-in', csr, '-CA', files.caCert, '-CAkey', files.caKey,
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', '3650', '-out', files.servingCert, '-extfile', ext], signal);
  return files;
}

function openssl(args: string[], signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { signal }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      if (signal?.aborted) return reject(signal.reason);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(new FleetError('FLEET_PREREQUISITE', 'the openssl CLI is not installed; it creates the fleet certificates (apt-get install -y openssl)', { cause: err }));
      }
      reject(new FleetError('FLEET_START_FAILED', `openssl ${args[0]} failed: ${stderr.trim().split('\n').slice(-1)[0] ?? err.message}`, { cause: err }));
    });
  });
}

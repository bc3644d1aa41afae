/** Kubeconfig texts for tests. The token values are recognisable so tests can grep for leaks. */
export const TOKEN = 'tok-SECRET-0123456789abcdef';
export const CA_DATA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');

export function kubeconfig(userBlock: string, clusterExtra = '', current = 'edge'): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: edge-1
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: ${CA_DATA}
${clusterExtra}
users:
- name: admin
  user:
${userBlock}
contexts:
- name: edge
  context:
    cluster: edge-1
    user: admin
    namespace: default
current-context: ${current}
preferences: {}
`;
}

export const TOKEN_KUBECONFIG = kubeconfig(`    token: ${TOKEN}`);

export const EXEC_KUBECONFIG = kubeconfig(`    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, edge-1]`);

export const AUTH_PROVIDER_KUBECONFIG = kubeconfig(`    auth-provider:
      name: oidc
      config:
        client-id: kubernetes
        id-token: ${TOKEN}`);

export const TOKEN_FILE_KUBECONFIG = kubeconfig(`    tokenFile: /var/run/secrets/token`);

export const CLIENT_CERT_FILE_KUBECONFIG = kubeconfig(`    client-certificate: /etc/kube/admin.crt
    client-key: /etc/kube/admin.key`);

export const CA_FILE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: edge-1
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority: /etc/kube/ca.crt
users:
- name: admin
  user:
    token: ${TOKEN}
contexts:
- name: edge
  context: {cluster: edge-1, user: admin}
current-context: edge
`;

export const INSECURE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: edge-1
  cluster:
    server: https://127.0.0.1:6443
    insecure-skip-tls-verify: true
users:
- name: admin
  user:
    token: ${TOKEN}
contexts:
- name: edge
  context: {cluster: edge-1, user: admin}
current-context: edge
`;

import type { KubeObject } from '../../src/index.js';

/** The app the demo rolls out: a namespace, two ConfigMaps and a Deployment (whose pods never run on the local fleet). */
export function helloApp(greeting: string): KubeObject[] {
  const labels = { 'app.kubernetes.io/name': 'hello' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'hello' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hello-config', namespace: 'hello', labels }, data: { greeting } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hello-flags', namespace: 'hello', labels }, data: { 'new-ui': 'false', 'max-items': '20' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'hello', namespace: 'hello', labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'hello',
                image: 'registry.k8s.io/e2e-test-images/agnhost:2.39',
                args: ['netexec', '--http-port=8080'],
                envFrom: [{ configMapRef: { name: 'hello-config' } }],
              },
            ],
          },
        },
      },
    },
  ];
}

/** The base configuration every registered cluster gets: a namespace for a team and a ConfigMap naming the cluster. */
export function baseConfiguration(cluster: string): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { 'example.com/team': 'a' } } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-info', namespace: 'kube-public' }, data: { cluster, registeredBy: 'syncprims demo' } },
  ];
}

/**
 * The edges' kubeconfig Secrets in the management cluster, the way Cluster API writes them
 * (`<cluster>-kubeconfig`, key `value`). The values never appear in the demo's output.
 */
export function kubeconfigSecrets(namespace: string, kubeconfigs: Readonly<Record<string, string>>): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    ...Object.entries(kubeconfigs).map(([cluster, kubeconfig]): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${cluster}-kubeconfig`, namespace, labels: { 'cluster.x-k8s.io/cluster-name': cluster } },
      type: 'cluster.x-k8s.io/secret',
      data: { value: Buffer.from(kubeconfig, 'utf8').toString('base64') },
    })),
  ];
}

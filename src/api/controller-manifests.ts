import type { KubeObject } from '../core/object-ref.js';
import { PART_OF_LABELS } from './crds.js';
import { CONTROLLER_NAME, resolveInstallOptions, type InstallOptions } from './install-options.js';

/**
 * The controller's Namespace (Pod Security `restricted`) and Deployment: `node dist/cli.js
 * controller` in the image, as a non-root user with a read-only root filesystem, with the pod's
 * name and namespace in `POD_NAME`/`POD_NAMESPACE`.
 *
 * @example
 * ```ts
 * import { buildControllerManifests } from 'syncprims';
 * const [namespace, deployment] = buildControllerManifests({ image: 'registry.local/syncprims:dev' });
 * ```
 */
export function buildControllerManifests(options: InstallOptions = {}): KubeObject[] {
  const { namespace, image, replicas } = resolveInstallOptions(options);
  const selector = { 'app.kubernetes.io/name': CONTROLLER_NAME };
  const labels = { ...selector, ...PART_OF_LABELS };
  const fieldEnv = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: { ...PART_OF_LABELS, 'pod-security.kubernetes.io/enforce': 'restricted' },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: CONTROLLER_NAME, namespace, labels },
      spec: {
        replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: CONTROLLER_NAME,
            terminationGracePeriodSeconds: 30,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 1000,
              runAsGroup: 1000,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'controller',
                image,
                imagePullPolicy: 'IfNotPresent',
                workingDir: '/app',
                command: ['node', 'dist/cli.js'],
                args: ['controller'],
                env: [
                  fieldEnv('POD_NAME', 'metadata.name'),
                  fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
                  { name: 'NODE_ENV', value: 'production' },
                ],
                resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    },
  ];
}

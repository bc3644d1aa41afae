import type { KubeObject } from '../src/index.js';
import type { BenchCustomKind, BenchSet } from './bench-set.js';

/** Options of {@link generateSet}. */
export interface GenerateSetOptions {
  /** Total objects, Namespaces and the CRD included. Must be at least 10. */
  size: number;
  /** A DNS-label-safe id, unique per contender run (e.g. `a1000-s-1`). */
  runId: string;
  /**
   * `mixed`: the realistic mix below, `size` objects in all. `configmaps`: `size` ConfigMaps
   * plus their Namespaces, no CRD (the Bar of issue 3).
   * @default 'mixed'
   */
  mix?: 'mixed' | 'configmaps';
}

const GROUP = 'bench.syncprims.dev';

function customKindFor(runId: string): BenchCustomKind {
  const suffix = runId.replace(/[^a-z0-9]/g, '');
  const plural = `widget${suffix}s`;
  return { group: GROUP, version: 'v1', kind: `Widget${suffix.toUpperCase()}`, plural, crdName: `${plural}.${GROUP}` };
}

function crdFor(k: BenchCustomKind): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: k.crdName },
    spec: {
      group: k.group,
      scope: 'Namespaced',
      names: { plural: k.plural, singular: k.plural.slice(0, -1), kind: k.kind, listKind: `${k.kind}List` },
      versions: [
        {
          name: k.version,
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    size: { type: 'integer', minimum: 0 },
                    color: { type: 'string', enum: ['red', 'green', 'blue'] },
                    tags: { type: 'array', items: { type: 'string' } },
                    limits: { type: 'object', additionalProperties: { type: 'string' } },
                  },
                },
                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
            },
          },
        },
      ],
    },
  };
}

const pad = (i: number): string => String(i).padStart(5, '0');

function configMap(ns: string, i: number): KubeObject {
  const lines = Array.from({ length: 12 }, (_, j) => `feature.flag${j}=${(i + j) % 3 === 0 ? 'true' : 'false'}`);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `config-${pad(i)}`, namespace: ns, labels: { app: `app-${i % 50}`, tier: 'config' } },
    data: {
      'app.properties': `${lines.join('\n')}\nservice.url=http://svc-${pad(i)}.${ns}.svc:8080\n`,
      LOG_LEVEL: i % 2 === 0 ? 'info' : 'debug',
      REPLICA_HINT: String(1 + (i % 3)),
    },
  };
}

function deployment(ns: string, i: number): KubeObject {
  const app = `app-${pad(i)}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, namespace: ns, labels: { app, tier: 'backend' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: { app, tier: 'backend' }, annotations: { 'prometheus.io/scrape': 'true' } },
        spec: {
          containers: [
            {
              name: 'server',
              image: `registry.example.com/team/${app}:1.${i % 20}.0`,
              ports: [{ name: 'http', containerPort: 8080 }],
              env: [
                { name: 'LOG_LEVEL', value: 'info' },
                { name: 'PORT', value: '8080' },
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              ],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
            },
          ],
        },
      },
    },
  };
}

function service(ns: string, i: number): KubeObject {
  const app = `app-${pad(i)}`;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc-${pad(i)}`, namespace: ns, labels: { app } },
    spec: {
      // Headless: thousands of ClusterIP services would exhaust a small service CIDR.
      clusterIP: 'None',
      selector: { app },
      ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

function custom(k: BenchCustomKind, ns: string, i: number): KubeObject {
  return {
    apiVersion: `${k.group}/${k.version}`,
    kind: k.kind,
    metadata: { name: `widget-${pad(i)}`, namespace: ns },
    spec: { size: i % 100, color: ['red', 'green', 'blue'][i % 3], tags: ['bench', `shard-${i % 8}`], limits: { cpu: '1', memory: '1Gi' } },
  };
}

function namespaceObject(name: string, runId: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'bench.syncprims.dev/run': runId } } };
}

/** Number of namespaces a set of `size` objects is spread over: 2 to 10. */
export function namespaceCount(size: number): number {
  return Math.min(10, Math.max(2, Math.round(size / 500)));
}

/**
 * Generates a realistic mixed set of exactly `size` objects: a few Namespaces, one CRD, and
 * (in a repeating pattern of ten) 4 ConfigMaps, 2 Deployments, 2 headless Services and
 * 2 custom resources, spread round-robin over the namespaces.
 */
export function generateSet(options: GenerateSetOptions): BenchSet {
  const { size, runId } = options;
  if (!Number.isInteger(size) || size < 10) throw new RangeError(`set size must be an integer >= 10, got ${size}`);
  const namespaces = Array.from({ length: namespaceCount(size) }, (_, j) => `bench-${runId}-${j}`);
  if (options.mix === 'configmaps') {
    return {
      runId,
      prerequisites: namespaces.map((name) => namespaceObject(name, runId)),
      objects: Array.from({ length: size }, (_, i) => configMap(namespaces[i % namespaces.length]!, i)),
      namespaces,
    };
  }
  const customKind = customKindFor(runId);
  const prerequisites: KubeObject[] = [
    ...namespaces.map((name) => namespaceObject(name, runId)),
    crdFor(customKind),
  ];
  const objects: KubeObject[] = [];
  const pattern = ['cm', 'deploy', 'cm', 'svc', 'cr', 'cm', 'deploy', 'cm', 'svc', 'cr'] as const;
  for (let i = 0; objects.length < size - prerequisites.length; i++) {
    const ns = namespaces[i % namespaces.length]!;
    switch (pattern[i % pattern.length]) {
      case 'cm':
        objects.push(configMap(ns, i));
        break;
      case 'deploy':
        objects.push(deployment(ns, i));
        break;
      case 'svc':
        objects.push(service(ns, i));
        break;
      default:
        objects.push(custom(customKind, ns, i));
    }
  }
  return { runId, prerequisites, objects, customKind, namespaces };
}

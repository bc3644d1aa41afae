/**
 * The table of valid and invalid specs shared by the codec unit tests, the local schema check
 * and the integration test against a real API server (test/integration/crd-schema.test.ts).
 */
import type { SyncKind } from '../../../src/api/group.js';

export interface SpecCase {
  /** Unique, used as a test title. */
  readonly title: string;
  readonly kind: SyncKind;
  /** The `spec` of the object; `undefined` leaves the field out. */
  readonly spec: unknown;
  /** The path of the first issue the codec reports; absent when the spec is valid. */
  readonly path?: string;
  /** Words the codec's message must contain. */
  readonly message?: string;
  /**
   * Set when a CRD schema cannot state the rule: the codec refuses, the API server accepts.
   * @default false
   */
  readonly codecOnly?: boolean;
}

const cm = { configMapRefs: [{ name: 'app' }] };
const deploy = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'apps', labels: { app: 'web' } },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
};
const kubeConfig = { secretRef: { name: 'edge-1-kubeconfig' } };
const template = (spec: unknown, metadata?: unknown) => (metadata === undefined ? { spec } : { metadata, spec });

export const SPEC_CASES: readonly SpecCase[] = [
  // ---- valid ----
  { title: 'Sync with one inline object', kind: 'Sync', spec: { source: { inline: [deploy] } } },
  { title: 'Sync with a ConfigMap and a key', kind: 'Sync', spec: { source: { configMapRefs: [{ name: 'app.v2', key: 'all.yaml' }] } } },
  {
    title: 'Sync with every field',
    kind: 'Sync',
    spec: {
      source: { inline: [deploy], configMapRefs: [{ name: 'app' }] },
      interval: '1h30m',
      retryInterval: '30s',
      timeout: '2m',
      prune: false,
      wait: false,
      force: true,
      targetNamespace: 'apps',
      serviceAccountName: 'deployer',
      suspend: true,
      dependsOn: [{ kind: 'Sync', name: 'crds' }, { kind: 'RemoteSync', name: 'install' }, { kind: 'ProxySync', name: 'edge.apps' }],
      deletionPolicy: 'Orphan',
    },
  },
  { title: 'Sync with an empty inline list next to a ConfigMap', kind: 'Sync', spec: { source: { inline: [], configMapRefs: [{ name: 'app' }] } } },
  { title: 'Sync with fractional and sub-second durations', kind: 'Sync', spec: { source: cm, interval: '1.5h', timeout: '500ms', retryInterval: '0h5m' } },
  { title: 'Sync with an unknown field (dropped)', kind: 'Sync', spec: { source: cm, intervall: '5m' } },
  { title: 'Sync with null optional fields (absent)', kind: 'Sync', spec: { source: cm, prune: null, targetNamespace: null } },
  { title: 'Sync with the same name under two kinds in dependsOn', kind: 'Sync', spec: { source: cm, dependsOn: [{ kind: 'Sync', name: 'a' }, { kind: 'RemoteSync', name: 'a' }] } },
  { title: 'RemoteSync with a kubeconfig Secret and key', kind: 'RemoteSync', spec: { source: cm, kubeConfig: { secretRef: { name: 'edge-1', key: 'value.yaml' } } } },
  { title: 'ProxySync with a minimal template', kind: 'ProxySync', spec: { kubeConfig, template: template({ source: cm }) } },
  {
    title: 'ProxySync with template metadata and management fields',
    kind: 'ProxySync',
    spec: {
      kubeConfig,
      template: template({ source: { inline: [deploy] }, interval: '1m' }, { name: 'apps', namespace: 'apps', labels: { 'example.com/team': 'web', tier: '' }, annotations: { note: 'any text: at all' } }),
      interval: '5m',
      timeout: '10m',
      suspend: false,
      dependsOn: [{ kind: 'RemoteSync', name: 'install' }],
      deletionPolicy: 'Delete',
    },
  },

  { title: 'inline object with an empty namespace and empty strings inside', kind: 'Sync', spec: { source: { inline: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: '' }, data: { a: '' } }] } } },
  { title: 'ProxySync template with empty and null label and annotation values', kind: 'ProxySync', spec: { kubeConfig, template: template({ source: cm }, { labels: { a: '', b: null }, annotations: { c: '' } }) } },

  // ---- invalid: source ----
  { title: 'no spec at all', kind: 'Sync', spec: undefined, path: 'spec', message: 'required' },
  { title: 'spec is a list', kind: 'Sync', spec: [], path: 'spec', message: 'must be an object' },
  { title: 'missing source', kind: 'Sync', spec: { interval: '5m' }, path: 'spec.source', message: 'required' },
  { title: 'empty source', kind: 'Sync', spec: { source: {} }, path: 'spec.source', message: 'at least one' },
  { title: 'source with only empty lists', kind: 'Sync', spec: { source: { inline: [], configMapRefs: [] } }, path: 'spec.source', message: 'at least one' },
  { title: 'inline object without kind', kind: 'Sync', spec: { source: { inline: [{ apiVersion: 'v1', metadata: { name: 'x' } }] } }, path: 'spec.source.inline[0].kind', message: 'required' },
  { title: 'inline object without metadata.name', kind: 'Sync', spec: { source: { inline: [deploy, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }] } }, path: 'spec.source.inline[1].metadata.name', message: 'required' },
  { title: 'inline object with an empty apiVersion', kind: 'Sync', spec: { source: { inline: [{ ...deploy, apiVersion: '' }] } }, path: 'spec.source.inline[0].apiVersion', message: 'empty' },
  { title: 'inline item that is a string', kind: 'Sync', spec: { source: { inline: ['kind: ConfigMap'] } }, path: 'spec.source.inline[0]', message: 'must be an object' },
  { title: 'inline that is an object, not a list', kind: 'Sync', spec: { source: { inline: deploy } }, path: 'spec.source.inline', message: 'must be an array' },
  { title: 'ConfigMap name with capitals', kind: 'Sync', spec: { source: { configMapRefs: [{ name: 'App' }] } }, path: 'spec.source.configMapRefs[0].name', message: 'DNS-1123 subdomain' },
  { title: 'ConfigMap ref without name', kind: 'Sync', spec: { source: { configMapRefs: [{ key: 'a.yaml' }] } }, path: 'spec.source.configMapRefs[0].name', message: 'required' },
  { title: 'ConfigMap name longer than 253', kind: 'Sync', spec: { source: { configMapRefs: [{ name: 'a'.repeat(254) }] } }, path: 'spec.source.configMapRefs[0].name', message: 'at most 253' },
  { title: 'ConfigMap key with a slash', kind: 'Sync', spec: { source: { configMapRefs: [{ name: 'app', key: 'a/b.yaml' }] } }, path: 'spec.source.configMapRefs[0].key', message: 'ConfigMap key' },

  // ---- invalid: durations ----
  { title: 'interval with an unknown unit', kind: 'Sync', spec: { source: cm, interval: '5x' }, path: 'spec.interval', message: 'duration' },
  { title: 'interval in days', kind: 'Sync', spec: { source: cm, interval: '1d' }, path: 'spec.interval', message: 'duration' },
  { title: 'interval as a number', kind: 'Sync', spec: { source: cm, interval: 30 }, path: 'spec.interval', message: 'duration' },
  { title: 'interval of zero', kind: 'Sync', spec: { source: cm, interval: '0s' }, path: 'spec.interval', message: 'greater than zero' },
  { title: 'negative timeout', kind: 'Sync', spec: { source: cm, timeout: '-5m' }, path: 'spec.timeout', message: 'duration' },
  { title: 'timeout with a space', kind: 'Sync', spec: { source: cm, timeout: '5 m' }, path: 'spec.timeout', message: 'duration' },
  { title: 'retryInterval without a unit', kind: 'Sync', spec: { source: cm, retryInterval: '10' }, path: 'spec.retryInterval', message: 'duration' },
  { title: 'interval beyond the safe integer range', kind: 'Sync', spec: { source: cm, interval: '99999999999999h' }, path: 'spec.interval', message: 'duration', codecOnly: true },

  // ---- invalid: other types and names ----
  { title: 'prune as a string', kind: 'Sync', spec: { source: cm, prune: 'yes' }, path: 'spec.prune', message: 'true or false' },
  { title: 'suspend as a number', kind: 'Sync', spec: { source: cm, suspend: 1 }, path: 'spec.suspend', message: 'true or false' },
  { title: 'dependsOn of a foreign kind', kind: 'Sync', spec: { source: cm, dependsOn: [{ kind: 'Kustomization', name: 'a' }] }, path: 'spec.dependsOn[0].kind', message: 'one of Sync, RemoteSync, ProxySync' },
  { title: 'dependsOn without a name', kind: 'Sync', spec: { source: cm, dependsOn: [{ kind: 'Sync' }] }, path: 'spec.dependsOn[0].name', message: 'required' },
  { title: 'dependsOn with a bad name', kind: 'RemoteSync', spec: { source: cm, kubeConfig, dependsOn: [{ kind: 'Sync', name: 'My_Sync' }] }, path: 'spec.dependsOn[0].name', message: 'DNS-1123' },
  { title: 'dependsOn with a duplicate', kind: 'Sync', spec: { source: cm, dependsOn: [{ kind: 'Sync', name: 'a' }, { kind: 'Sync', name: 'a' }] }, path: 'spec.dependsOn[1]', message: 'duplicate' },
  { title: 'dependsOn as an object', kind: 'Sync', spec: { source: cm, dependsOn: { kind: 'Sync', name: 'a' } }, path: 'spec.dependsOn', message: 'must be an array' },
  { title: 'targetNamespace with capitals and underscore', kind: 'Sync', spec: { source: cm, targetNamespace: 'Web_1' }, path: 'spec.targetNamespace', message: 'DNS-1123 label' },
  { title: 'targetNamespace longer than 63', kind: 'Sync', spec: { source: cm, targetNamespace: 'a'.repeat(64) }, path: 'spec.targetNamespace', message: 'at most 63' },
  { title: 'targetNamespace empty', kind: 'Sync', spec: { source: cm, targetNamespace: '' }, path: 'spec.targetNamespace', message: 'empty' },
  { title: 'serviceAccountName starting with a dash', kind: 'Sync', spec: { source: cm, serviceAccountName: '-deployer' }, path: 'spec.serviceAccountName', message: 'DNS-1123 subdomain' },
  { title: 'deletionPolicy unknown', kind: 'Sync', spec: { source: cm, deletionPolicy: 'Keep' }, path: 'spec.deletionPolicy', message: 'one of Delete, Orphan' },

  // ---- invalid: RemoteSync ----
  { title: 'RemoteSync without kubeConfig', kind: 'RemoteSync', spec: { source: cm }, path: 'spec.kubeConfig', message: 'required' },
  { title: 'RemoteSync with a Secret ref without name', kind: 'RemoteSync', spec: { source: cm, kubeConfig: { secretRef: {} } }, path: 'spec.kubeConfig.secretRef.name', message: 'required' },
  { title: 'RemoteSync with a bad interval', kind: 'RemoteSync', spec: { source: cm, kubeConfig, interval: '1w' }, path: 'spec.interval', message: 'duration' },

  // ---- invalid: ProxySync ----
  { title: 'ProxySync without template', kind: 'ProxySync', spec: { kubeConfig }, path: 'spec.template', message: 'required' },
  { title: 'ProxySync without template.spec', kind: 'ProxySync', spec: { kubeConfig, template: { metadata: { name: 'a' } } }, path: 'spec.template.spec', message: 'required' },
  { title: 'ProxySync template without source', kind: 'ProxySync', spec: { kubeConfig, template: template({ interval: '1m' }) }, path: 'spec.template.spec.source', message: 'required' },
  { title: 'ProxySync template with a bad interval', kind: 'ProxySync', spec: { kubeConfig, template: template({ source: cm, interval: 'soon' }) }, path: 'spec.template.spec.interval', message: 'duration' },
  { title: 'ProxySync template namespace with capitals', kind: 'ProxySync', spec: { kubeConfig, template: template({ source: cm }, { namespace: 'Apps' }) }, path: 'spec.template.metadata.namespace', message: 'DNS-1123 label' },
  { title: 'ProxySync template label value with a space', kind: 'ProxySync', spec: { kubeConfig, template: template({ source: cm }, { labels: { team: 'web team' } }) }, path: 'spec.template.metadata.labels.team', message: 'label value' },
  { title: 'ProxySync template label value as a number', kind: 'ProxySync', spec: { kubeConfig, template: template({ source: cm }, { labels: { replicas: 3 } }) }, path: 'spec.template.metadata.labels.replicas', message: 'must be a string' },
  { title: 'ProxySync template label key that is not a qualified name', kind: 'ProxySync', spec: { kubeConfig, template: template({ source: cm }, { labels: { '-team': 'web' } }) }, path: 'spec.template.metadata.labels[-team]', message: 'key', codecOnly: true },
  { title: 'ProxySync management timeout of zero', kind: 'ProxySync', spec: { kubeConfig, template: template({ source: cm }), timeout: '0ms' }, path: 'spec.timeout', message: 'greater than zero' },
  { title: 'ProxySync dependsOn of a foreign kind', kind: 'ProxySync', spec: { kubeConfig, template: template({ source: cm }), dependsOn: [{ kind: 'HelmRelease', name: 'a' }] }, path: 'spec.dependsOn[0].kind', message: 'one of' },
  { title: 'ProxySync without kubeConfig', kind: 'ProxySync', spec: { template: template({ source: cm }) }, path: 'spec.kubeConfig', message: 'required' },
];

import type { KubeObject } from '../core/object-ref.js';
import { GROUP, KINDS, PLURALS, VERSION, type SyncKind } from './group.js';
import type { JsonSchemaProps } from './json-schema-props.js';
import { syncSpecField } from './sync-spec.js';
import { remoteSyncSpecField } from './remote-sync-spec.js';
import { proxySyncSpecField } from './proxy-sync-spec.js';
import { proxySyncStatusField, syncStatusField } from './status-codec.js';

/** The labels every syncprims install object carries. */
export const PART_OF_LABELS: Readonly<Record<string, string>> = Object.freeze({ 'app.kubernetes.io/part-of': 'syncprims' });

const SHORT_NAMES: Readonly<Record<SyncKind, string>> = { Sync: 'sy', RemoteSync: 'rsy', ProxySync: 'psy' };

const DESCRIPTIONS: Readonly<Record<SyncKind, string>> = {
  Sync: 'Sync applies a set of manifests to this cluster with staged server-side apply, keeps an inventory, prunes what is no longer declared and waits for readiness.',
  RemoteSync: 'RemoteSync applies a set of manifests directly to a remote cluster, reached through a kubeconfig Secret in the same namespace.',
  ProxySync: 'ProxySync maintains a Sync in a remote cluster, which keeps reconciling itself, and mirrors its status here.',
};

const SPEC_SCHEMAS: Readonly<Record<SyncKind, JsonSchemaProps>> = {
  Sync: syncSpecField.schema,
  RemoteSync: remoteSyncSpecField.schema,
  ProxySync: proxySyncSpecField.schema,
};

const STATUS_SCHEMAS: Readonly<Record<SyncKind, JsonSchemaProps>> = {
  Sync: syncStatusField.schema,
  RemoteSync: syncStatusField.schema,
  ProxySync: proxySyncStatusField.schema,
};

const READY = '.status.conditions[?(@.type=="Ready")]';

/**
 * The CustomResourceDefinition of one kind (`apiextensions.k8s.io/v1`): group `syncprims.dev`,
 * version `v1alpha1` served and stored, namespaced, category `syncprims`, a structural schema
 * generated from the kind's io-ts codec, the status subresource, and printer columns Ready,
 * Status (the Ready message) and Age (Revision with `-o wide`).
 *
 * @example
 * ```ts
 * import { syncprimsCrd } from 'syncprims';
 * console.log(syncprimsCrd('RemoteSync').metadata.name); // remotesyncs.syncprims.dev
 * ```
 */
export function syncprimsCrd(kind: SyncKind): KubeObject {
  const plural = PLURALS[kind];
  const schema: JsonSchemaProps = {
    type: 'object',
    description: DESCRIPTIONS[kind],
    properties: {
      apiVersion: { type: 'string', description: 'The versioned schema of this object: syncprims.dev/v1alpha1.' },
      kind: { type: 'string', description: `The kind: ${kind}.` },
      metadata: { type: 'object' },
      spec: SPEC_SCHEMAS[kind],
      status: STATUS_SCHEMAS[kind],
    },
    required: ['spec'],
  };
  return structuredClone({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${GROUP}`, labels: { ...PART_OF_LABELS } },
    spec: {
      group: GROUP,
      names: {
        kind,
        listKind: `${kind}List`,
        plural,
        singular: kind.toLowerCase(),
        shortNames: [SHORT_NAMES[kind]],
        categories: ['syncprims'],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Ready', type: 'string', jsonPath: `${READY}.status` },
            { name: 'Status', type: 'string', jsonPath: `${READY}.message` },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
            { name: 'Revision', type: 'string', jsonPath: '.status.lastAppliedRevision', priority: 1 },
          ],
          schema: { openAPIV3Schema: schema },
        },
      ],
    },
  });
}

/**
 * The three syncprims CRDs (`Sync`, `RemoteSync`, `ProxySync`), fresh objects on every call.
 * Apply them with a Sync to install the custom resources; `deploy/crds.yaml` is generated from
 * this function.
 *
 * @example
 * ```ts
 * import { Cluster, Source, Sync, syncprimsCrds } from 'syncprims';
 * const cluster = Cluster.fromKubeconfig({});
 * const crds = new Sync({ name: 'syncprims-crds', cluster, source: Source.objects(syncprimsCrds()) });
 * ```
 */
export function syncprimsCrds(): KubeObject[] {
  return KINDS.map(syncprimsCrd);
}

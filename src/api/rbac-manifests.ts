import type { KubeObject } from '../core/object-ref.js';
import { GROUP, KINDS, PLURALS } from './group.js';
import { PART_OF_LABELS } from './crds.js';
import { CONTROLLER_NAME, resolveInstallOptions, type InstallOptions } from './install-options.js';

/** The annotation Kubernetes tools show as an object's description. */
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';

/** The label that aggregates a role into `syncprims-admin`. */
export const AGGREGATE_TO_ADMIN_LABEL = 'rbac.syncprims.dev/aggregate-to-admin';

const EDIT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const VIEW_VERBS = ['get', 'list', 'watch'];

function clusterRole(name: string, rules: unknown[], extra: { labels?: Record<string, string>; description?: string } = {}): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: { ...PART_OF_LABELS, ...extra.labels },
      ...(extra.description ? { annotations: { [DESCRIPTION_ANNOTATION]: extra.description } } : {}),
    },
    rules,
  };
}

function kindRoles(): KubeObject[] {
  const secretsNote = 'Specs may carry Secret manifests inline: grant it like read access to Secrets.';
  return KINDS.flatMap((kind) => {
    const plural = PLURALS[kind];
    const singular = kind.toLowerCase();
    return [
      clusterRole(
        `syncprims-${singular}-editor`,
        [
          { apiGroups: [GROUP], resources: [plural], verbs: EDIT_VERBS },
          { apiGroups: [GROUP], resources: [`${plural}/status`], verbs: ['get'] },
        ],
        {
          labels: { [AGGREGATE_TO_ADMIN_LABEL]: 'true' },
          description: `Create, change and delete ${kind} objects. Whoever creates a ${kind} makes the controller apply objects with its own (cluster-wide) rights, so this is an administrator's role: it is not aggregated into the built-in admin/edit roles. ${secretsNote}`,
        },
      ),
      clusterRole(
        `syncprims-${singular}-viewer`,
        [{ apiGroups: [GROUP], resources: [plural, `${plural}/status`], verbs: VIEW_VERBS }],
        { description: `Read ${kind} objects and their status. ${secretsNote} Not aggregated into the built-in view role for that reason.` },
      ),
    ];
  });
}

/**
 * The RBAC of syncprims: the controller's ServiceAccount, its roles and bindings, and the roles
 * for users.
 *
 * - `syncprims-controller` (ClusterRole): what the controller needs for itself: the three
 *   kinds with their status and finalizers, Events, reading Secrets (kubeconfigs) and ConfigMaps
 *   (sources), impersonating ServiceAccounts (`serviceAccountName`), reading CRDs.
 * - `syncprims-controller-apply` (ClusterRole, `*` on `*`): cluster-admin-like, because a Sync
 *   applies arbitrary objects. Left out with `clusterWideApply: false`.
 * - `syncprims-leader-election` (Role in the controller namespace): the Lease.
 * - Per kind: `syncprims-<kind>-editor` and `syncprims-<kind>-viewer`; the editors aggregate
 *   into `syncprims-admin`. None aggregate into the built-in `admin`/`edit`/`view` roles: a Sync
 *   acts with the controller's rights, and its spec may hold Secrets.
 *
 * @example
 * ```ts
 * import { buildRbacManifests } from 'syncprims';
 * const names = buildRbacManifests({ clusterWideApply: false }).map((o) => `${o.kind}/${o.metadata.name}`);
 * ```
 */
export function buildRbacManifests(options: InstallOptions = {}): KubeObject[] {
  const { namespace, clusterWideApply } = resolveInstallOptions(options);
  const subject = { kind: 'ServiceAccount', name: CONTROLLER_NAME, namespace };
  const resources = KINDS.map((k) => PLURALS[k]);
  const binding = (name: string): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { ...PART_OF_LABELS } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: [subject],
  });
  const controller: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: CONTROLLER_NAME, namespace, labels: { ...PART_OF_LABELS } },
    },
    clusterRole(
      CONTROLLER_NAME,
      [
        { apiGroups: [GROUP], resources, verbs: ['get', 'list', 'watch', 'update', 'patch'] },
        { apiGroups: [GROUP], resources: resources.map((r) => `${r}/status`), verbs: ['get', 'update', 'patch'] },
        { apiGroups: [GROUP], resources: resources.map((r) => `${r}/finalizers`), verbs: ['update'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'list', 'watch'] },
      ],
      { description: 'What the syncprims controller needs for itself: its custom resources, Events, kubeconfig Secrets and source ConfigMaps (read), impersonation for spec.serviceAccountName.' },
    ),
    binding(CONTROLLER_NAME),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'syncprims-leader-election', namespace, labels: { ...PART_OF_LABELS } },
      rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'syncprims-leader-election', namespace, labels: { ...PART_OF_LABELS } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'syncprims-leader-election' },
      subjects: [subject],
    },
  ];
  const apply: KubeObject[] = clusterWideApply
    ? [
        clusterRole('syncprims-controller-apply', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], {
          description:
            'Cluster-admin-like: a Sync applies arbitrary objects (CRDs, RBAC, workloads), so the controller may do anything. For least privilege, delete this binding and give each Sync a spec.serviceAccountName with only the rights it needs; the controller then impersonates it.',
        }),
        binding('syncprims-controller-apply'),
      ]
    : [];
  const admin = clusterRole('syncprims-admin', [], {
    description: 'Every syncprims kind: the aggregate of the syncprims-*-editor roles.',
  });
  // The aggregation controller owns `rules` of an aggregated role: applying `rules: []` would
  // conflict with it on every later apply, so the field is left out.
  delete admin.rules;
  admin.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO_ADMIN_LABEL]: 'true' } }] };
  return [...controller, ...apply, ...kindRoles(), admin];
}

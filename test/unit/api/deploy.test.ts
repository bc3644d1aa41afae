import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAll } from 'js-yaml';
import { syncprimsCrds } from '../../../src/api/crds.js';
import { buildInstallManifests } from '../../../src/api/install-manifests.js';
import { buildRbacManifests } from '../../../src/api/rbac-manifests.js';
import { buildControllerManifests } from '../../../src/api/controller-manifests.js';
import { DEFAULT_CONTROLLER_IMAGE, resolveInstallOptions } from '../../../src/api/install-options.js';
import { OptionsError } from '../../../src/core/sync-error.js';
import type { KubeObject } from '../../../src/core/object-ref.js';
import { optionsFromEnv, renderDeployFiles } from '../../../scripts/gen-deploy.js';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (name: string): string => readFileSync(join(root, 'deploy', name), 'utf8');
const names = (objs: KubeObject[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`);

describe('deploy/', () => {
  it('crds.yaml holds exactly syncprimsCrds()', () => {
    expect(loadAll(read('crds.yaml'))).toEqual(syncprimsCrds());
  });

  it('every file is what scripts/gen-deploy.ts writes (run it after changing src/api)', () => {
    const files = renderDeployFiles(optionsFromEnv({}));
    expect(Object.keys(files).sort()).toEqual(['controller.yaml', 'crds.yaml', 'kustomization.yaml', 'rbac.yaml']);
    for (const [name, text] of Object.entries(files)) expect(read(name), name).toBe(text);
  });

  it('the default image is tagged with the package version', () => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(DEFAULT_CONTROLLER_IMAGE).toBe(`ghcr.io/syncprims/controller:${version}`);
    expect(optionsFromEnv({}).image).toBe(DEFAULT_CONTROLLER_IMAGE);
    expect(optionsFromEnv({ SYNCPRIMS_IMAGE: 'registry.local/ctl:dev' }).image).toBe('registry.local/ctl:dev');
  });

  it('the kustomization lists every manifest file', () => {
    const k = loadAll(read('kustomization.yaml'))[0] as { resources: string[] };
    expect([...k.resources].sort()).toEqual(['controller.yaml', 'crds.yaml', 'rbac.yaml']);
  });

  it('writes the role descriptions as YAML comments', () => {
    expect(read('rbac.yaml')).toMatch(/^# Cluster-admin-like: a Sync applies arbitrary objects/m);
  });
});

describe('buildRbacManifests', () => {
  const rbac = buildRbacManifests();
  const find = (kind: string, name: string) => rbac.find((o) => o.kind === kind && o.metadata.name === name);

  it('has the controller identity, per-kind editor and viewer roles and the aggregate admin role', () => {
    expect(names(rbac)).toEqual(
      expect.arrayContaining([
        'ServiceAccount/syncprims-controller',
        'ClusterRole/syncprims-controller',
        'ClusterRoleBinding/syncprims-controller',
        'ClusterRole/syncprims-controller-apply',
        'ClusterRoleBinding/syncprims-controller-apply',
        'Role/syncprims-leader-election',
        'RoleBinding/syncprims-leader-election',
        'ClusterRole/syncprims-sync-editor',
        'ClusterRole/syncprims-remotesync-editor',
        'ClusterRole/syncprims-proxysync-editor',
        'ClusterRole/syncprims-sync-viewer',
        'ClusterRole/syncprims-remotesync-viewer',
        'ClusterRole/syncprims-proxysync-viewer',
        'ClusterRole/syncprims-admin',
      ]),
    );
    expect(find('ServiceAccount', 'syncprims-controller')?.metadata.namespace).toBe('syncprims-system');
  });

  it('grants each editor role its own kind only, so RBAC tells the kinds apart', () => {
    const editor = find('ClusterRole', 'syncprims-remotesync-editor') as KubeObject & { rules: { resources: string[] }[] };
    expect(editor.rules.flatMap((r) => r.resources)).toEqual(['remotesyncs', 'remotesyncs/status']);
    expect(editor.metadata.labels?.['rbac.syncprims.dev/aggregate-to-admin']).toBe('true');
  });

  it('aggregates nothing into the built-in admin, edit or view roles', () => {
    for (const obj of rbac) {
      for (const key of Object.keys(obj.metadata.labels ?? {})) expect(key.startsWith('rbac.authorization.k8s.io/aggregate-to')).toBe(false);
    }
  });

  it('gives the controller Leases in its namespace, Events, Secrets read and impersonation', () => {
    const lease = find('Role', 'syncprims-leader-election') as KubeObject & { rules: { resources: string[]; verbs: string[] }[] };
    expect(lease.metadata.namespace).toBe('syncprims-system');
    expect(lease.rules[0]).toMatchObject({ resources: ['leases'], verbs: expect.arrayContaining(['get', 'create', 'update']) });
    const rules = (find('ClusterRole', 'syncprims-controller') as KubeObject & { rules: { resources: string[]; verbs: string[] }[] }).rules;
    const verbsOn = (resource: string) => rules.filter((r) => r.resources.includes(resource)).flatMap((r) => r.verbs);
    expect(verbsOn('events')).toEqual(expect.arrayContaining(['create', 'patch']));
    expect(verbsOn('secrets')).toEqual(['get', 'list', 'watch']);
    expect(verbsOn('serviceaccounts')).toEqual(['impersonate']);
    expect(verbsOn('syncs/finalizers')).toEqual(['update']);
  });

  it('leaves out the cluster-admin-like apply role when asked', () => {
    const narrow = names(buildRbacManifests({ clusterWideApply: false }));
    expect(narrow).not.toContain('ClusterRole/syncprims-controller-apply');
    expect(narrow).not.toContain('ClusterRoleBinding/syncprims-controller-apply');
  });

  it('binds the ServiceAccount of a custom namespace', () => {
    const custom = buildRbacManifests({ namespace: 'ops' });
    const binding = custom.find((o) => o.kind === 'ClusterRoleBinding') as KubeObject & { subjects: { namespace: string }[] };
    expect(binding.subjects[0]?.namespace).toBe('ops');
  });
});

describe('buildControllerManifests', () => {
  it('runs `node dist/cli.js controller` as non-root from the chosen image', () => {
    const [ns, deployment] = buildControllerManifests({ image: 'registry.local/ctl:dev', replicas: 2 });
    expect(ns).toMatchObject({ kind: 'Namespace', metadata: { name: 'syncprims-system' } });
    const spec = (deployment as KubeObject & { spec: { replicas: number; template: { spec: { serviceAccountName: string; securityContext: { runAsNonRoot: boolean }; containers: { image: string; command: string[]; args: string[] }[] } } } }).spec;
    const container = spec.template.spec.containers[0]!;
    expect(spec.replicas).toBe(2);
    expect([...container.command, ...container.args]).toEqual(['node', 'dist/cli.js', 'controller']);
    expect(container.image).toBe('registry.local/ctl:dev');
    expect(spec.template.spec.serviceAccountName).toBe('syncprims-controller');
    expect(spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  });
});

describe('buildInstallManifests and its options', () => {
  it('is the CRDs, the controller and the RBAC together', () => {
    expect(names(buildInstallManifests())).toEqual([...names(syncprimsCrds()), ...names(buildControllerManifests()), ...names(buildRbacManifests())]);
  });

  it.each([{ namespace: 'Bad_NS' }, { image: '' }, { image: 'a b' }, { replicas: -1 }, { replicas: 1.5 }])('refuses %j with OptionsError', (options) => {
    expect(() => resolveInstallOptions(options)).toThrow(OptionsError);
    expect(() => buildInstallManifests(options)).toThrow(OptionsError);
  });
});

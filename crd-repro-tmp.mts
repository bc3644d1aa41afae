import { startFleet } from './src/fleet/index.js';
import { KubeConfig, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
const fleet = await startFleet({ clusters: ['crd'], controllerManager: false, binDir: process.env.BIN });
try {
  const kc = new KubeConfig(); kc.loadFromFile(fleet.clusters.crd!.kubeconfigPath());
  const api = KubernetesObjectApi.makeApiClient(kc);
  const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'gadgets.example.com' },
    spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } } } }] } };
  await api.patch(crd as any, undefined, undefined, 'repro', true, PatchStrategy.ServerSideApply);
  await new Promise((r) => setTimeout(r, 2000));
  for (let i = 0; i < 50; i++) {
    await api.patch({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: `g${i}`, namespace: 'default', labels: { a: 'b', c: 'd' }, annotations: { x: 'y' } }, spec: { n: i } } as any, undefined, undefined, 'repro', true, PatchStrategy.ServerSideApply);
    await api.list('example.com/v1', 'Gadget', 'default');
  }
  console.log('OK: 50 custom resources applied and listed');
} catch (e) { console.log('FAILED', String(e).slice(0, 300)); }
finally {
  const log = (await import('node:fs')).readFileSync(fleet.dir + '/crd/kube-apiserver.log', 'utf8');
  console.log('fatal in log:', /fatal error/.test(log));
  await fleet.stop();
}

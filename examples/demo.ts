/**
 * `npm run demo`: syncprims end to end on a fresh machine, in well under two minutes once the
 * Kubernetes binaries are cached (the first run builds them: about 4-5 minutes).
 *
 * 1. builds or reuses etcd, kube-apiserver and kube-controller-manager 1.20;
 * 2. starts a local fleet: `mgmt`, `edge-1`, `edge-2`;
 * 3. bootstraps mgmt (`bootstrap`): CRDs, RBAC, and a Sync resource through which syncprims
 *    manages itself; mgmt's controller runs in this process;
 * 4. puts the edges' kubeconfigs in Secrets on mgmt (like Cluster API) and registers both
 *    edges (`register`): a RemoteSync installs syncprims, a ProxySync keeps their base
 *    configuration; each edge's controller runs in this process, pointed at its edge;
 * 5. rolls an app out in waves (`rollout`): the plan, then edge-1 as the canary, then edge-2;
 * 6. stops mgmt's API server, edits an object on edge-1, and watches edge-1's own controller
 *    put it back: the edges keep themselves in sync without mgmt;
 * 7. prints a status table, and stops everything (also on Ctrl-C and on errors).
 *
 * Real clusters: `SYNCPRIMS_DEMO_KUBECONFIG=path npm run demo` runs the same flow against the
 * contexts `mgmt`, `edge-1` and `edge-2` of that kubeconfig (the edges' contexts must embed
 * their credentials: no exec plugins, no certificate files). The controllers still run in this
 * process; mgmt's API server is not stopped there, so the drift is corrected with mgmt up.
 * What the demo installed stays (the app is removed at the end).
 *
 * In your own code, import from 'syncprims' (and 'syncprims/fleet'); this repository's
 * examples import its sources so they type-check without a build.
 */
import { setMaxListeners } from 'node:events';
import { Source, Sync, dag, formatRef, type SyncResult } from '../src/index.js';
import { bootstrap, register, rollout, type RolloutWaveEvent } from '../src/recipes/index.js';
import { bold, createOutput, dim, green, seconds, yellow, type DemoOutput } from './demo/demo-output.js';
import { kubeconfigEnvironment, prepareBinaries, startLocalEnvironment, type DemoEnvironment } from './demo/demo-environment.js';
import { baseConfiguration, helloApp, kubeconfigSecrets } from './demo/demo-manifests.js';
import { InProcessControllers } from './demo/in-process-controllers.js';
import { resourceRows, resultRow, STATUS_HEADER, type StatusRow } from './demo/status-table.js';
import { waitForConfigMapValue } from './demo/wait-for-value.js';

const EDGES = ['edge-1', 'edge-2'] as const;
const SECRETS_NAMESPACE = 'fleet';
const GREETING = 'hello from syncprims';

/** A step that did not end ready: the demo stops there (after cleaning up). */
class StepFailed extends Error {}

function printChildren(out: DemoOutput, result: SyncResult, indent = ''): void {
  for (const child of result.children ?? []) {
    if (child.children && child.children.length > 0) {
      out.info(`${indent}${bold(child.name)}`);
      printChildren(out, child, `${indent}  `);
      continue;
    }
    const line = `${indent}${child.name.padEnd(22 - indent.length)} ${child.message}`;
    if (child.ready) out.ok(line);
    else out.warn(line);
  }
}

function expectReady(result: SyncResult, what: string): void {
  if (!result.ready) throw new StepFailed(`${what} ended ${result.state}: ${result.message}`);
}

function describeWave(out: DemoOutput, event: RolloutWaveEvent, planning: boolean): void {
  if (planning) return; // the plan is printed from its result
  switch (event.type) {
    case 'started':
      out.info(`${bold(`wave ${event.index}${event.canary ? ' (canary)' : ''}`)}: ${event.clusters.join(', ')} …`);
      break;
    case 'finished': {
      const w = event.wave;
      const line = `wave ${w.index}${w.canary ? ' (canary)' : ''}: ${w.ready.length}/${w.clusters.length} ready in ${seconds(w.durationMs)}`;
      if (w.state === 'ready') out.ok(line);
      else out.warn(`${line}; failed: ${w.failed.join(', ')}`);
      break;
    }
    case 'soaking':
      out.detail(`soaking ${seconds(event.ms)} after wave ${event.after} (a real rollout would watch its alerts here)`);
      break;
    case 'halted':
      out.warn(`halted after wave ${event.after}: ${event.failures} failure(s) > maxFailures ${event.maxFailures}; the remaining clusters stay untouched`);
      break;
  }
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  const kubeconfig = process.env['SYNCPRIMS_DEMO_KUBECONFIG'];
  const local = !kubeconfig;
  const out = createOutput(local ? 7 : 5);
  const abort = new AbortController();
  // Many requests share the demo's signal (16 applies at once per sync).
  setMaxListeners(0, abort.signal);
  const signal = abort.signal;
  let interrupts = 0;
  const onInterrupt = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stdout.write(`\n${yellow('Ctrl-C: stopping everything (press again to quit at once)…')}\n`);
    abort.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onInterrupt);
  const controllers = new InProcessControllers();
  let env: DemoEnvironment | undefined;

  process.stdout.write(`${bold('syncprims demo')}: one management cluster, two edge clusters, one app rolled out in waves.\n`);
  try {
    if (local) {
      out.step('Kubernetes binaries');
      const binDir = await prepareBinaries(out, signal);
      out.step('A local fleet: mgmt, edge-1, edge-2');
      env = await startLocalEnvironment(out, binDir, signal);
      out.info(dim('No kubelet runs on the local fleet: pods never start. Deployments are applied, not waited for.'));
    } else {
      env = kubeconfigEnvironment(kubeconfig);
      out.info(`real clusters: contexts mgmt, edge-1, edge-2 of ${kubeconfig}`);
    }
    await out.pause();
    const { mgmt } = env.clusters;

    // Bootstrap: the SDK installs syncprims, then hands it over to a Sync resource.
    out.step('Bootstrap mgmt: CRDs, RBAC, and a Sync resource through which syncprims manages itself');
    out.detail("mgmt's controller runs in this process (controller: false), started as soon as the CRDs are established");
    const boot = bootstrap({ cluster: mgmt, controller: false, timeout: 120_000 });
    boot.on('ready', (r) => {
      if (r.name === 'syncprims-crds') controllers.start('mgmt', mgmt);
    });
    const booted = await boot.sync({ signal });
    printChildren(out, booted);
    expectReady(booted, 'bootstrap');
    await controllers.settled();
    out.info(`Sync ${bold('syncprims-system/syncprims')} is Ready: from now on the controller keeps syncprims itself in sync.`);
    await out.pause();

    // Registration: credentials in Secrets on mgmt, then install + base configuration per edge.
    out.step('Register edge-1 and edge-2');
    out.detail(`their kubeconfigs go into Secrets ${SECRETS_NAMESPACE}/<edge>-kubeconfig on mgmt, as Cluster API writes them`);
    const credentials = new Sync({
      name: 'edge-credentials',
      cluster: mgmt,
      source: Source.objects(kubeconfigSecrets(SECRETS_NAMESPACE, Object.fromEntries(EDGES.map((e) => [e, env!.edgeKubeconfig(e)]))), 'edge kubeconfigs'),
    });
    const registrations = EDGES.map((name) =>
      register({
        management: mgmt,
        name,
        secretRef: { namespace: SECRETS_NAMESPACE, name: `${name}-kubeconfig` },
        base: Source.objects(baseConfiguration(name), `base configuration of ${name}`),
        controller: false,
        interval: 10_000,
        timeout: 120_000,
        dependsOn: [credentials],
      }),
    );
    const edges = dag(...registrations, { name: 'edges' });
    edges.on('ready', (r) => {
      const edge = EDGES.find((e) => r.name === `${e}-install`);
      // As a pod of the edge would: the edge's controller starts once its CRDs are installed.
      if (edge) controllers.start(edge, env!.clusters[edge]);
    });
    const registered = await edges.sync({ signal });
    printChildren(out, registered);
    expectReady(registered, 'registration');
    await controllers.settled();
    await out.pause();

    // Rollout: the plan first, then the canary wave, then the rest.
    out.step('Roll out the app "hello" (2 ConfigMaps, a Deployment): edge-1 is the canary');
    let planning = true;
    const hello = rollout({
      name: 'hello',
      management: mgmt,
      source: Source.objects(helloApp(GREETING), 'the hello app'),
      clusters: [
        { name: 'edge-2', secretRef: { namespace: SECRETS_NAMESPACE, name: 'edge-2-kubeconfig' } },
        { name: 'edge-1', secretRef: { namespace: SECRETS_NAMESPACE, name: 'edge-1-kubeconfig' }, canary: true },
      ],
      // Each edge's controller re-applies every 5 s (drift correction) and, with no kubelet, does not wait for the pods.
      interval: 5_000,
      wait: false,
      timeout: 60_000,
      strategy: { maxConcurrency: 1, maxFailures: 0, soakTime: 3_000, waveTimeout: 120_000, unreachable: 'fail' },
      onWave: (event) => describeWave(out, event, planning),
    });
    const plan = await hello.sync({ dryRun: true, signal });
    planning = false;
    out.info(`plan (dry run, nothing written): ${plan.waves.map((w) => `wave ${w.index}${w.canary ? ' (canary)' : ''} → ${w.clusters.join(', ')}`).join('; ')}`);
    for (const child of plan.children) out.detail(`${child.name}: ${child.changes.map((c) => `${c.action} ${formatRef(c.ref)}`).join(', ') || child.message}`);
    await out.pause();
    const rolled = await hello.sync({ signal });
    expectReady(rolled, 'the rollout');
    out.ok(rolled.message);
    await out.pause();

    // Drift: the edge corrects it on its own, with mgmt gone.
    out.step(local ? "Drift on edge-1 while mgmt's API server is stopped" : 'Drift on edge-1 (mgmt stays up against real clusters)');
    if (env.stopManagement) {
      await env.stopManagement();
      out.ok("mgmt's API server stopped: nothing can reach the management cluster now");
    } else {
      out.detail('not stopping a real management cluster: this step shows the correction with mgmt up');
    }
    const edge1 = env.clusters['edge-1'];
    controllers.get('edge-1')?.on('reconciled', ({ namespace, name, result }) => {
      for (const c of result.changes) if (c.action !== 'unchanged') out.detail(`edge-1's controller, Sync ${namespace}/${name}: ${c.action} ${formatRef(c.ref)}${c.reason ? ` (${c.reason})` : ''}`);
    });
    const edge1Client = await edge1.connect({ signal });
    await edge1Client.apply(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hello-config', namespace: 'hello' }, data: { greeting: 'hacked by hand' } },
      { fieldManager: 'kubectl-edit', force: true, signal },
    );
    const editedAt = Date.now();
    out.info(`someone edits ConfigMap hello/hello-config on edge-1: greeting=${yellow('"hacked by hand"')}`);
    out.detail("edge-1's controller re-applies its Sync default/hello every 5 s…");
    await waitForConfigMapValue(edge1, { namespace: 'hello', name: 'hello-config', key: 'greeting', value: GREETING }, AbortSignal.any([signal, AbortSignal.timeout(60_000)]));
    out.ok(`edge-1's own controller put it back after ${seconds(Date.now() - editedAt)}: greeting=${green(`"${GREETING}"`)}${env.stopManagement ? ' (mgmt still down)' : ''}`);
    if (env.startManagement) {
      await env.startManagement();
      out.ok("mgmt's API server is back");
    }
    await out.pause();

    // Status: what each cluster's controller reports, plus the installs run from here.
    out.step('Status');
    const rows: StatusRow[] = [];
    for (const name of ['mgmt', ...EDGES] as const) rows.push(...(await resourceRows(name, env.clusters[name], signal)));
    for (const reg of registered.children ?? []) {
      for (const step of reg.children ?? []) if (step.name.endsWith('-install')) rows.push(resultRow(step.name.replace(/-install$/, ''), 'RemoteSync (SDK)', step));
    }
    const order = ['mgmt', ...EDGES] as string[];
    rows.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    out.table(STATUS_HEADER, rows);
    if (!local) {
      const removed = await hello.delete({ signal });
      out.info(`the app was removed again: ${removed.message}`);
    }
    process.stdout.write(`\n${green('✓')} ${bold('done')} in ${seconds(Date.now() - startedAt)}\n`);
    return 0;
  } catch (err) {
    if (signal.aborted) {
      process.stdout.write(`${yellow('interrupted')}\n`);
      return 130;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stdout.write(`\n${yellow('✗')} ${bold('the demo stopped')}: ${message}\n`);
    return 1;
  } finally {
    process.stdout.write(`\n${dim('stopping the controllers' + (local && env ? ' and the local fleet' : '') + '…')}\n`);
    await controllers.stopAll();
    await env?.close().catch((err: unknown) => process.stdout.write(`${yellow('!')} cleanup: ${err instanceof Error ? err.message : String(err)}\n`));
    process.off('SIGINT', onInterrupt);
  }
}

process.exitCode = await main();

/**
 * The extension story: your own syncers next to the built-in ones, in one dag.
 *
 *   npm run fleet:up && export KUBECONFIG=$PWD/.fleet/kubeconfig.yaml
 *   npx tsx examples/custom-syncer.ts
 *
 * - `preflight` is a plain object with `name`, `dependsOn` and `sync()`: that is all a syncer
 *   needs to be (here: refuse clusters older than Kubernetes 1.20).
 * - `GeneratedPassword` extends `BaseSyncer` (events, a logger, `finish()` builds the result):
 *   it creates a Secret with a random password once and never rotates it, something a
 *   declarative `Sync` cannot express. It supports dry runs and `delete()`.
 * - The app `Sync` depends on both; a failure of either blocks it with the chain named.
 *
 * In your own code, import from 'syncprims'; the examples import the repository's sources.
 */
import { randomBytes } from 'node:crypto';
import {
  BaseSyncer,
  Cluster,
  Source,
  Sync,
  SyncError,
  dag,
  isSyncError,
  type BaseSyncerOptions,
  type DeletePassOptions,
  type SyncPassOptions,
  type SyncResult,
  type Syncer,
} from '../src/index.js';

const cluster = Cluster.fromKubeconfig();

/** A plain-object syncer: checks the server version. */
const preflight: Syncer = {
  name: 'preflight',
  dependsOn: [],
  async sync(options: SyncPassOptions = {}): Promise<SyncResult> {
    const startedAt = Date.now();
    const base = { name: 'preflight', changes: [], revision: '' };
    try {
      const client = await cluster.connect(options.signal ? { signal: options.signal } : {});
      const version = await client.request<{ major?: string; minor?: string }>({ method: 'GET', path: '/version', ...(options.signal ? { signal: options.signal } : {}) });
      const minor = Number.parseInt(version.minor ?? '0', 10);
      if (version.major === '1' && minor >= 20) {
        return { ...base, ready: true, state: options.dryRun ? 'planned' : 'ready', message: `Kubernetes 1.${minor}`, durationMs: Date.now() - startedAt };
      }
      const error = new SyncError('UNSUPPORTED_VERSION', `Kubernetes ${version.major}.${version.minor} is older than 1.20`);
      return { ...base, ready: false, state: 'failed', message: error.message, error, durationMs: Date.now() - startedAt };
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      const error = isSyncError(err) ? err : new SyncError('API_ERROR', String(err), { cause: err });
      return { ...base, ready: false, state: 'failed', message: error.message, error, durationMs: Date.now() - startedAt };
    }
  },
};

/** Options of {@link GeneratedPassword}. */
interface GeneratedPasswordOptions extends BaseSyncerOptions {
  /** Where the Secret goes. */
  cluster: Cluster;
  /** The Secret's namespace (must exist). */
  namespace: string;
  /** The Secret's name. @default the syncer's name */
  secretName?: string;
}

/** A syncer written as a `BaseSyncer` subclass: a Secret with a random password, created once. */
class GeneratedPassword extends BaseSyncer {
  private readonly ref: { apiVersion: string; kind: string; namespace: string; name: string };

  constructor(private readonly options: GeneratedPasswordOptions) {
    super(options);
    this.ref = { apiVersion: 'v1', kind: 'Secret', namespace: options.namespace, name: options.secretName ?? options.name };
  }

  async sync(options: SyncPassOptions = {}): Promise<SyncResult> {
    const startedAt = Date.now();
    const signalOpt = options.signal ? { signal: options.signal } : {};
    try {
      const client = await this.options.cluster.connect(signalOpt);
      if (await client.get(this.ref, signalOpt)) {
        const change = { ref: this.ref, action: 'unchanged' as const };
        this.emit('applied', { syncer: this.name, change });
        return this.finish({ state: options.dryRun ? 'planned' : 'ready', message: 'password exists (never rotated)', changes: [change], startedAt });
      }
      if (!options.dryRun) {
        // The password is generated here and sent to the API server only: never logged, never in a result.
        const password = randomBytes(24).toString('base64url');
        await client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: this.ref.name, namespace: this.ref.namespace }, type: 'Opaque', stringData: { password } }, signalOpt);
      }
      const change = { ref: this.ref, action: 'created' as const };
      this.emit('applied', { syncer: this.name, change });
      return this.finish({ state: options.dryRun ? 'planned' : 'ready', message: options.dryRun ? 'would generate a password' : 'password generated', changes: [change], startedAt });
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (!isSyncError(err)) throw err;
      return this.finish({ state: 'failed', message: err.message, error: err, startedAt });
    }
  }

  override async delete(options: DeletePassOptions = {}): Promise<SyncResult> {
    const startedAt = Date.now();
    const signalOpt = options.signal ? { signal: options.signal } : {};
    try {
      const client = await this.options.cluster.connect(signalOpt);
      const gone = await client.delete(this.ref, signalOpt);
      return this.finish({ state: 'ready', message: gone ? 'password deleted' : 'no password to delete', changes: gone ? [{ ref: this.ref, action: 'pruned' }] : [], startedAt });
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (!isSyncError(err)) throw err;
      return this.finish({ state: 'failed', message: err.message, error: err, startedAt });
    }
  }
}

const namespace = new Sync({ name: 'extension-ns', cluster, source: Source.objects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'extension-demo' } }]) });
const password = new GeneratedPassword({ name: 'db-password', cluster, namespace: 'extension-demo', dependsOn: [namespace] });
const app = new Sync({
  name: 'extension-app',
  cluster,
  dependsOn: [preflight, password],
  source: Source.objects([
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db', namespace: 'extension-demo' }, data: { passwordSecret: 'db-password' } },
  ]),
});

const flow = dag(app, { name: 'extension' });
flow.on('ready', (r) => console.log(`  ready   ${r.name}: ${r.message}`));
flow.on('failed', (r) => console.log(`  failed  ${r.name}: ${r.message}`));
const result = await flow.sync({ signal: AbortSignal.timeout(120_000) });
console.log(result.message);
if (process.argv.includes('--delete')) console.log((await flow.delete()).message);
process.exitCode = result.ready ? 0 : 1;
cluster.close();

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/cluster/cluster.js';
import type { WatchEvent } from '../../../src/cluster/kube-client.js';
import { isSyncError } from '../../../src/core/sync-error.js';

// A tiny local HTTP server speaking just enough of the API to exercise the transport:
// chunked watch streams, request shapes and socket handling. Real API servers are in the
// integration tests.

const TOKEN = 'tok-LOCAL-SECRET';

function kubeconfigFor(server: string): string {
  return `apiVersion: v1
kind: Config
clusters: [{name: local, cluster: {server: "${server}"}}]
users: [{name: u, user: {token: ${TOKEN}}}]
contexts: [{name: local, context: {cluster: local, user: u}}]
current-context: local
`;
}

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const seen: Seen[] = [];
const watchClosed: Promise<void>[] = [];
let server: Server;
let base = '';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const url = new URL(req.url ?? '/', 'http://x');
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
  if (url.pathname === '/api/v1') {
    json(res, 200, { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'configmaps', namespaced: true, kind: 'ConfigMap' }] });
  } else if (url.pathname === '/api/v1/namespaces/default/configmaps' && url.searchParams.get('watch') === '1') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    watchClosed.push(once(res, 'close').then(() => undefined));
    if (url.searchParams.get('resourceVersion') === 'old') {
      res.end('{"type":"ERROR","object":{"kind":"Status","message":"too old resource version: 1 (9)","reason":"Expired","code":410}}\n');
      return;
    }
    const stream = [
      '{"type":"ADDED","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"2"}}}\n',
      '{"type":"BOOKMARK","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"resourceVersion":"3"}}}\n',
      '{"type":"MODIFIED","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"4"},"data":{"k":"é"}}}\n',
    ].join('');
    const bytes = Buffer.from(stream);
    // Cut mid-line and mid-character.
    const cuts = [7, 60, bytes.indexOf(0xc3) + 1, bytes.length];
    let from = 0;
    for (const cut of cuts) {
      res.write(bytes.subarray(from, cut));
      from = cut;
      await new Promise((r) => setTimeout(r, 5));
    }
    // Keep the stream open until the client goes away.
  } else if (url.pathname === '/api/v1/namespaces/default/configmaps' && req.method === 'GET') {
    const cont = url.searchParams.get('continue');
    json(res, 200, {
      kind: 'ConfigMapList',
      metadata: { resourceVersion: '77', ...(cont ? {} : { continue: 'page2' }) },
      items: [{ metadata: { name: cont ? 'b' : 'a' } }],
    });
  } else if (url.pathname.startsWith('/api/v1/namespaces/default/configmaps/') && req.method === 'PATCH') {
    const obj = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
    json(res, 201, obj);
  } else if (url.pathname === '/api/v1/namespaces/default/configmaps/missing') {
    json(res, 404, { kind: 'Status', message: 'configmaps "missing" not found', reason: 'NotFound', details: { name: 'missing', kind: 'configmaps' }, code: 404 });
  } else if (url.pathname === '/api/v1/namespaces/default/configmaps/secret-ish') {
    json(res, 403, { kind: 'Status', message: 'configmaps "secret-ish" is forbidden: User "u" cannot get resource "configmaps" in API group "" in the namespace "default"', reason: 'Forbidden', code: 403 });
  } else {
    json(res, 404, { kind: 'Status', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 });
  }
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

describe('HttpKubeClient against a local HTTP server', () => {
  it('sends server-side apply as apply-patch+yaml with fieldManager, force and dryRun, and counts it', async () => {
    const cluster = Cluster.fromKubeconfig({ yaml: kubeconfigFor(base) });
    const client = await cluster.connect();
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default', managedFields: [{ manager: 'x' }] }, data: { k: 'v' } };
    const res = await client.apply(obj, { fieldManager: 'syncprims', force: true, dryRun: true });
    expect(res.created).toBe(true);
    const patch = seen.find((s) => s.method === 'PATCH');
    expect(patch?.headers['content-type']).toBe('application/apply-patch+yaml');
    expect(patch?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(patch?.url).toBe('/api/v1/namespaces/default/configmaps/app?fieldManager=syncprims&force=true&dryRun=All');
    expect(JSON.parse(patch?.body ?? '{}')).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { k: 'v' } });
    expect(client.stats).toEqual({ GET: 1, PATCH: 1 }); // discovery + apply
    const second = await cluster.connect();
    await second.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'missing' });
    expect(second.stats).toEqual({ GET: 1 }); // discovery is cached per connection
    cluster.close();
  });

  it('get() resolves undefined on 404 and maps 403; list() follows continue tokens and fills kind', async () => {
    const cluster = Cluster.fromKubeconfig({ yaml: kubeconfigFor(base) });
    const client = await cluster.connect();
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'missing' })).toBeUndefined();
    const err = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'secret-ish' }).catch((e: unknown) => e);
    expect(isSyncError(err) && err.code).toBe('FORBIDDEN');
    expect((err as Error).message).toContain('cannot get resource "configmaps"');
    const list = await client.list('v1', 'ConfigMap', { namespace: 'default' });
    expect(list.resourceVersion).toBe('77');
    expect(list.items.map((i) => `${i.kind}/${i.metadata.name}`)).toEqual(['ConfigMap/a', 'ConfigMap/b']);
    const unknown = await client.get({ apiVersion: 'v1', kind: 'Widget', namespace: 'default', name: 'w' }).catch((e: unknown) => e);
    expect(isSyncError(unknown) && unknown.code).toBe('UNKNOWN_KIND');
    cluster.close();
  });

  it('watches across chunk boundaries, skips bookmarks, and closes the socket on abort', async () => {
    const cluster = Cluster.fromKubeconfig({ yaml: kubeconfigFor(base) });
    const client = await cluster.connect();
    const events: WatchEvent[] = [];
    const controller = new AbortController();
    const done = client.watch('v1', 'ConfigMap', { namespace: 'default', resourceVersion: '1', signal: controller.signal }, (ev) => {
      events.push(ev);
      if (events.length === 2) controller.abort(new Error('enough'));
    });
    await expect(done).rejects.toThrow('enough');
    expect(events.map((e) => `${e.type} ${e.object.metadata.resourceVersion}`)).toEqual(['ADDED 2', 'MODIFIED 4']);
    expect(events[1]?.object['data']).toEqual({ k: 'é' });
    await watchClosed[watchClosed.length - 1]; // the server saw the connection go
    const watchReq = seen.filter((s) => s.url.includes('watch=1')).pop();
    expect(watchReq?.url).toContain('allowWatchBookmarks=true');
    expect(watchReq?.url).toContain('resourceVersion=1');
    cluster.close();
  });

  it('keeps watches out of the request pool: a watch never starves requests', async () => {
    const cluster = Cluster.fromKubeconfig({ yaml: kubeconfigFor(base), maxSockets: 1 });
    const client = await cluster.connect();
    const controller = new AbortController();
    let first!: () => void;
    const started = new Promise<void>((r) => (first = r));
    const watching = client.watch('v1', 'ConfigMap', { namespace: 'default', signal: controller.signal }, () => first()).catch((e: unknown) => e);
    await started; // the watch holds its connection open
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'missing' })).toBeUndefined();
    controller.abort(new Error('done'));
    expect(await watching).toEqual(new Error('done'));
    cluster.close();
  });

  it('throws GONE when the watch resourceVersion is too old', async () => {
    const cluster = Cluster.fromKubeconfig({ yaml: kubeconfigFor(base) });
    const client = await cluster.connect();
    const err = await client.watch('v1', 'ConfigMap', { namespace: 'default', resourceVersion: 'old' }, () => {}).catch((e: unknown) => e);
    expect(isSyncError(err) && err.code).toBe('GONE');
    cluster.close();
  });

  it('adds impersonation headers for a derived cluster', async () => {
    const cluster = Cluster.fromKubeconfig({ yaml: kubeconfigFor(base) }).impersonate({ serviceAccount: { namespace: 'team-a', name: 'deployer' } });
    const client = await cluster.connect();
    await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'missing' });
    const last = seen[seen.length - 1];
    expect(last?.headers['impersonate-user']).toBe('system:serviceaccount:team-a:deployer');
    cluster.close();
  });
});

describe('connection failures', () => {
  let silent: TcpServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts TCP and never answers: a TLS handshake can never finish.
    silent = createTcpServer((s) => sockets.push(s));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });

  it('bounds connect + TLS handshake with connectTimeoutMs: UNREACHABLE naming host:port', async () => {
    const addr = silent.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const cluster = Cluster.fromKubeconfig({ yaml: kubeconfigFor(`https://127.0.0.1:${port}`), connectTimeoutMs: 200 });
    const client = await cluster.connect();
    const err = await client.list('v1', 'ConfigMap').catch((e: unknown) => e);
    expect(isSyncError(err) && err.code).toBe('UNREACHABLE');
    expect(isSyncError(err) && err.retryable).toBe(true);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).toContain('200 ms');
    cluster.close();
  });

  it('fails with UNREACHABLE on a closed port', async () => {
    const closed = createTcpServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const addr = closed.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    closed.close();
    await once(closed, 'close');
    const cluster = Cluster.fromKubeconfig({ yaml: kubeconfigFor(`https://127.0.0.1:${port}`) });
    const err = await (await cluster.connect()).mapping('v1', 'ConfigMap').catch((e: unknown) => e);
    expect(isSyncError(err) && err.code).toBe('UNREACHABLE');
    expect((err as Error).message).toContain(`127.0.0.1:${port} unreachable: connection refused`);
    expect((err as Error).message).not.toContain(TOKEN);
    cluster.close();
  });

  it('sends an idempotent request again when the server closed a reused keep-alive connection', async () => {
    // Answers the first request on each connection, then drops the connection at the next one.
    const perSocket = new WeakMap<object, number>();
    const flaky = createServer((req, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n > 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'APIResourceList', groupVersion: 'v1', resources: [] }));
    });
    flaky.listen(0, '127.0.0.1');
    await once(flaky, 'listening');
    const addr = flaky.address();
    const cluster = Cluster.fromKubeconfig({ yaml: kubeconfigFor(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`) });
    const client = await cluster.connect();
    await client.request({ method: 'GET', path: '/api/v1' });
    await expect(client.request({ method: 'GET', path: '/api/v1' })).resolves.toMatchObject({ groupVersion: 'v1' });
    // POST is not idempotent: not sent twice.
    const post = await client.request({ method: 'POST', path: '/api/v1', body: {} }).catch((e: unknown) => e);
    expect(isSyncError(post) && post.code).toBe('UNREACHABLE');
    cluster.close();
    flaky.closeAllConnections();
    flaky.close();
  });

  it('aborts a hanging request with the signal reason', async () => {
    const addr = silent.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const cluster = Cluster.fromKubeconfig({ yaml: kubeconfigFor(`http://127.0.0.1:${port}`) });
    const client = await cluster.connect();
    const controller = new AbortController();
    const pending = client.request({ method: 'GET', path: '/version', signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user abort')), 50);
    await expect(pending).rejects.toThrow('user abort');
    cluster.close();
  });
});

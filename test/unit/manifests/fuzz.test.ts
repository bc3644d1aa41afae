import { describe, expect, it } from 'vitest';
import { prepareDesiredSet, Source, ValidationError, type DesiredSet, type Manifest } from '../../../src/index.js';

/** mulberry32: a small seeded PRNG, so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(readonly rand: () => number) {}
  int(n: number): number {
    return Math.floor(this.rand() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
}

const ITERATIONS = 2000;

const TOKENS = [
  'apiVersion: ', 'kind: ', 'metadata:', '  name: ', '  namespace: ', '  labels: ', 'items:', '- ', 'data:', 'spec:',
  'v1', 'apps/v1', 'example.com/v1', 'apiextensions.k8s.io/v1', 'List', 'ConfigMap', 'Namespace', 'Secret', 'Deployment',
  'CustomResourceDefinition', 'Widget', 'web', 'a', 'Bad_Name', '---', '...', '\n', '\n', '\n', '  ', '    ', '\t', ': ', ':',
  '{', '}', '[', ']', ',', '"', "'", '&a ', '*a', '<<: ', '!!binary ', '!!str ', '!foo ', '%YAML 1.2', '# c', '|', '>-', '? ',
  '~', 'null', 'true', 'yes', '.nan', '.inf', '1e400', '0x1F', '-0', '__proto__', 'constructor', '\u0000', '\uFEFF', 'é', '😀',
];

const VALID = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
  namespace: web
  labels: {app: web}
data:
  key: value
---
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: Namespace, metadata: {name: web}}
  - {apiVersion: apps/v1, kind: Deployment, metadata: {name: d, namespace: web}, spec: {replicas: 1}}
`;

function randomYaml(g: Gen): string {
  if (g.chance(0.4)) {
    // Mutate a valid stream: delete, duplicate or replace a few slices.
    let text = VALID;
    for (let i = 0, n = 1 + g.int(4); i < n; i++) {
      const at = g.int(text.length);
      const len = g.int(12);
      const op = g.int(3);
      if (op === 0) text = text.slice(0, at) + text.slice(at + len);
      else if (op === 1) text = text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
      else text = text.slice(0, at) + g.pick(TOKENS) + text.slice(at + len);
    }
    return text;
  }
  if (g.chance(0.3)) {
    const json = JSON.stringify(randomJson(g, 0));
    if (json === undefined) return '';
    const at = g.int(json.length + 1);
    return g.chance(0.5) ? json : json.slice(0, at) + g.pick(TOKENS) + json.slice(at + g.int(3));
  }
  const parts: string[] = [];
  for (let i = 0, n = g.int(60); i < n; i++) parts.push(g.pick(TOKENS));
  return parts.join('');
}

const KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'annotations', 'items', 'data', 'stringData', 'spec',
  'group', 'names', 'scope', 'versions', 'served', 'plural', '__proto__', 'constructor', 'toString', ''];
const STRINGS = ['v1', 'apps/v1', 'apiextensions.k8s.io/v1', 'example.com/v1', 'List', 'ConfigMapList', 'ConfigMap', 'Namespace', 'Service',
  'Secret', 'Deployment', 'CustomResourceDefinition', 'Widget', 'ClusterRole', 'widgets.example.com', 'example.com', 'widgets',
  'Namespaced', 'Cluster', 'web', 'a', 'a.b', 'Bad_Name', 'system:x', '', ' ', 'a/b', 'aGk=', '%', '..', 'x'.repeat(300)];

function randomJson(g: Gen, depth: number): unknown {
  const r = g.int(depth > 4 ? 5 : 8);
  switch (r) {
    case 0:
      return null;
    case 1:
      return g.chance(0.5);
    case 2:
      return g.pick([0, -1, 3, 1.5, 1e21, Number.MAX_SAFE_INTEGER]);
    case 3:
    case 4:
      return g.pick(STRINGS);
    case 5:
      return Array.from({ length: g.int(4) }, () => randomJson(g, depth + 1));
    default: {
      const obj: Record<string, unknown> = {};
      for (let i = 0, n = g.int(6); i < n; i++) {
        const key = g.pick(KEYS);
        const value = randomJson(g, depth + 1);
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return obj;
    }
  }
}

/** Any JavaScript value, including what JSON cannot carry. */
function randomValue(g: Gen, depth: number, parents: object[]): unknown {
  const r = g.int(depth > 4 ? 10 : 16);
  switch (r) {
    case 0:
      return undefined;
    case 1:
      return g.pick([NaN, Infinity, -0, 10n]);
    case 2:
      return g.pick([Symbol('s'), () => 1, new Date(g.int(2) ? 0 : NaN), new Map(), new Set([1]), /re/]);
    case 3:
      return parents.length > 0 && g.chance(0.5) ? g.pick(parents) : null;
    case 4: {
      if (g.chance(0.2)) {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      }
      const throwing = {};
      const key = g.pick([...KEYS, 'object', 'origin']);
      Object.defineProperty(throwing, key, { enumerable: true, get: () => { throw new Error('getter'); } });
      return throwing;
    }
    case 5:
      return { toJSON: () => randomValue(g, depth + 1, parents) };
    case 6:
    case 7:
    case 8:
    case 9:
      return randomJson(g, depth);
    case 10:
    case 11: {
      const arr: unknown[] = [];
      for (let i = 0, n = g.int(4); i < n; i++) arr.push(randomValue(g, depth + 1, [...parents, arr]));
      if (g.chance(0.1)) arr.length += 1; // a hole
      return arr;
    }
    default: {
      const obj: Record<string, unknown> = g.chance(0.2) ? (Object.create(null) as Record<string, unknown>) : {};
      for (let i = 0, n = g.int(6); i < n; i++) {
        const value = randomValue(g, depth + 1, [...parents, obj]);
        Object.defineProperty(obj, g.pick(KEYS), { value, enumerable: true, writable: true, configurable: true });
      }
      return obj;
    }
  }
}

/** A mostly valid manifest with a few random changes: reaches the later checks (scope, duplicates). */
function nearlyValidObject(g: Gen): Record<string, unknown> {
  const kind = g.pick(['ConfigMap', 'Namespace', 'Service', 'Secret', 'Deployment', 'Widget', 'CustomResourceDefinition', 'ClusterRole']);
  const apiVersion = { Deployment: 'apps/v1', Widget: 'example.com/v1', CustomResourceDefinition: 'apiextensions.k8s.io/v1', ClusterRole: 'rbac.authorization.k8s.io/v1' }[kind as string] ?? 'v1';
  const obj: Record<string, unknown> = {
    apiVersion,
    kind,
    metadata: { name: kind === 'CustomResourceDefinition' ? 'widgets.example.com' : g.pick(['a', 'b', 'web', 'Bad_Name', 'a.b']), ...(g.chance(0.6) ? { namespace: g.pick(['web', 'other', '', 'Bad']) } : {}) },
  };
  if (kind === 'CustomResourceDefinition') {
    obj['spec'] = { group: 'example.com', scope: g.pick(['Namespaced', 'Cluster', 'Bad']), names: { kind: 'Widget', plural: 'widgets' }, versions: [{ name: 'v1', served: g.chance(0.8) }] };
  }
  if (g.chance(0.2)) (obj['metadata'] as Record<string, unknown>)[g.pick(KEYS)] = randomJson(g, 2);
  if (g.chance(0.3)) Object.defineProperty(obj, g.pick(KEYS), { value: randomValue(g, 2, []), enumerable: true, writable: true, configurable: true });
  return obj;
}

type Outcome = 'ok' | 'invalid';

/** Issue codes seen, to show the generators reach every check. */
const seenCodes = new Set<string>();

async function outcomeOf(run: () => Promise<DesiredSet>): Promise<Outcome> {
  try {
    const set = await run();
    for (const d of set.objects) expect(d.ref.name).toBe(d.object.metadata.name);
    expect(set.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
    return 'ok';
  } catch (err) {
    if (!(err instanceof ValidationError)) {
      throw new Error(`expected a ValidationError, got ${String(err)}`, { cause: err });
    }
    expect(err.issues.length).toBeGreaterThan(0);
    for (const issue of err.issues) seenCodes.add(issue.code);
    return 'invalid';
  }
}

describe('fuzz: the parser and prepareDesiredSet throw only ValidationError and always finish', () => {
  it(`random YAML and JSON text (${ITERATIONS} inputs)`, async () => {
    const g = new Gen(prng(0x5eed));
    const counts: Record<Outcome, number> = { ok: 0, invalid: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const text = randomYaml(g);
      const targetNamespace = g.chance(0.3) ? 'tenant' : undefined;
      const outcome = await outcomeOf(async () => prepareDesiredSet(await Source.yaml(text, `fuzz-${i}`).load(), targetNamespace ? { targetNamespace } : {})).catch(
        (err: unknown) => {
          throw new Error(`input ${i}: ${JSON.stringify(text)}`, { cause: err });
        },
      );
      counts[outcome]++;
    }
    // Both paths were exercised: the generator is not trivially all-valid or all-invalid.
    expect(counts.ok).toBeGreaterThan(50);
    expect(counts.invalid).toBeGreaterThan(50);
  }, 60_000);

  it(`random JavaScript values through Source.objects (${ITERATIONS} inputs)`, async () => {
    const g = new Gen(prng(0xfeed));
    const counts: Record<Outcome, number> = { ok: 0, invalid: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const values = Array.from({ length: 1 + g.int(4) }, () => (g.chance(0.5) ? nearlyValidObject(g) : randomValue(g, 0, [])));
      const outcome = await outcomeOf(async () => prepareDesiredSet(await Source.objects(values, 'fuzz').load(), g.chance(0.3) ? { targetNamespace: 'tenant' } : {}));
      counts[outcome]++;
    }
    expect(counts.ok).toBeGreaterThan(50);
    expect(counts.invalid).toBeGreaterThan(50);
  }, 60_000);

  it(`random manifests from a user source, bypassing the built-in ones (${ITERATIONS} inputs)`, async () => {
    const g = new Gen(prng(0xbead));
    const counts: Record<Outcome, number> = { ok: 0, invalid: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const manifests = Array.from({ length: g.int(4) }, () =>
        g.chance(0.7)
          ? { object: g.chance(0.6) ? nearlyValidObject(g) : randomValue(g, 0, []), origin: g.chance(0.8) ? { origin: 'user', document: i } : randomValue(g, 2, []) }
          : randomValue(g, 0, []),
      ) as unknown as Manifest[];
      counts[await outcomeOf(() => prepareDesiredSet(manifests))]++;
    }
    expect(counts.ok).toBeGreaterThan(50);
    expect(counts.invalid).toBeGreaterThan(50);
  }, 60_000);

  // Runs after the generators above (tests of a file run in order).
  it('reached every validation check', () => {
    expect([...seenCodes].sort()).toEqual(['DUPLICATE_OBJECT', 'INVALID_MANIFEST', 'INVALID_NAME', 'MISSING_NAMESPACE', 'UNKNOWN_KIND']);
  });
});

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import type { KubeObject } from '../src/index.js';
import type { BenchSet } from './bench-set.js';

/** Where {@link writeSet} put a set's manifests. */
export interface SetFiles {
  readonly root: string;
  /** The whole set as JSON (read by the bare-loop child process). */
  readonly setJson: string;
  /** The whole set: `1-prerequisites/` then `2-objects/<namespace>/*.yaml`. */
  readonly full: string;
  readonly fullPrerequisites: string;
  readonly fullObjects: string;
  /** Prerequisites plus every other object: the set after the prune benchmark's cut. */
  readonly half: string;
  /** The objects left out of `half` (for `kubectl delete -f`). */
  readonly removed: string;
}

/** Objects per YAML file: a repository file usually holds a handful to a few dozen. */
const DOCS_PER_FILE = 25;

function toYaml(objects: readonly KubeObject[]): string {
  return objects.map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join('---\n');
}

async function writeObjects(dir: string, objects: readonly KubeObject[]): Promise<void> {
  const groups = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const key = `${o.metadata.namespace ?? '_cluster'}/${o.kind.toLowerCase()}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(o);
  }
  for (const [key, list] of groups) {
    const [ns, kind] = key.split('/') as [string, string];
    await mkdir(join(dir, ns), { recursive: true });
    for (let start = 0; start < list.length; start += DOCS_PER_FILE) {
      const file = join(dir, ns, `${kind}-${String(start / DOCS_PER_FILE).padStart(3, '0')}.yaml`);
      await writeFile(file, toYaml(list.slice(start, start + DOCS_PER_FILE)));
    }
  }
}

async function writeTree(dir: string, prerequisites: readonly KubeObject[], objects: readonly KubeObject[]): Promise<void> {
  await mkdir(join(dir, '1-prerequisites'), { recursive: true });
  await writeFile(join(dir, '1-prerequisites', 'prerequisites.yaml'), toYaml(prerequisites));
  await writeObjects(join(dir, '2-objects'), objects);
}

/** Splits a set's objects for the prune benchmark: even positions are kept, odd ones removed. */
export function splitHalf(objects: readonly KubeObject[]): { kept: KubeObject[]; removed: KubeObject[] } {
  return { kept: objects.filter((_, i) => i % 2 === 0), removed: objects.filter((_, i) => i % 2 === 1) };
}

/** Writes a generated set as multi-document YAML files under `root` (created). */
export async function writeSet(set: BenchSet, root: string): Promise<SetFiles> {
  const files: SetFiles = {
    root,
    setJson: join(root, 'set.json'),
    full: join(root, 'full'),
    fullPrerequisites: join(root, 'full', '1-prerequisites'),
    fullObjects: join(root, 'full', '2-objects'),
    half: join(root, 'half'),
    removed: join(root, 'removed'),
  };
  await mkdir(root, { recursive: true });
  await writeFile(files.setJson, JSON.stringify(set));
  await writeTree(files.full, set.prerequisites, set.objects);
  const { kept, removed } = splitHalf(set.objects);
  await writeTree(files.half, set.prerequisites, kept);
  await writeObjects(files.removed, removed);
  return files;
}

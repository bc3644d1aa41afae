import { createHash } from 'node:crypto';
import { formatRef, refKey, refOf, type KubeObject } from '../../core/object-ref.js';
import { OptionsError, ValidationError } from '../../core/sync-error.js';
import { serializeManifest } from './serialize-manifest.js';

/**
 * The most a payload ConfigMap holds when objects are packed together: 768 KiB of serialized
 * objects, well under the API server's 1 MiB ConfigMap limit (room for metadata and
 * `managedFields`).
 */
export const MAX_CHUNK_BYTES = 768 * 1024;
/** The most one object may take serialized: it then gets a payload ConfigMap of its own. */
export const MAX_OBJECT_BYTES = 1_000_000;
/** The data key of a payload ConfigMap. */
export const PAYLOAD_KEY = 'manifests.yaml';
/** The separator between documents of a chunk. */
const SEPARATOR = '---\n';
const SEPARATOR_BYTES = Buffer.byteLength(SEPARATOR);

/** One payload ConfigMap: some of the objects, serialized. */
export interface PayloadChunk {
  /** `<prefix>-payload-<10 hex of the text's sha256>`: content-addressed, so an unchanged chunk keeps its name. */
  readonly name: string;
  /** The documents (one JSON object each, sorted by identity), separated by `---`. */
  readonly text: string;
  /** The UTF-8 size of `text`. */
  readonly bytes: number;
  /** How many objects it holds. */
  readonly objects: number;
}

/** Options of {@link chunkPayload}. */
export interface ChunkPayloadOptions {
  /** Names the chunks: `<prefix>-payload-<hash>`; the remote Sync's name. */
  readonly prefix: string;
  /** The most a chunk of several objects may hold, in bytes. @default MAX_CHUNK_BYTES (768 KiB) */
  readonly maxBytes?: number;
  /**
   * The average chunk size aimed at, in bytes. A quarter of `maxBytes` leaves room for the
   * random spread of content-defined boundaries, so `maxBytes` rarely forces a split (forced
   * splits are what can rename a neighbouring chunk).
   * @default a quarter of `maxBytes`
   */
  readonly targetBytes?: number;
}

function anchorHash(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0);
}

/** The anchor divisor: a power of two near `target / average`, so it moves only when sizes change a lot. */
function anchorDivisor(totalBytes: number, count: number, target: number): number {
  if (count === 0) return 1;
  const perChunk = target / Math.max(1, totalBytes / count);
  return perChunk <= 1 ? 1 : 2 ** Math.round(Math.log2(perChunk));
}

/**
 * Splits a desired set into payload chunks, each under `maxBytes` (a single object larger than
 * that gets a chunk of its own, up to {@link MAX_OBJECT_BYTES}).
 *
 * Stable by design: objects are sorted by identity (group, kind, namespace, name), and chunk
 * boundaries fall after objects whose identity hash is an anchor (content-defined chunking on
 * identities, like rsync and restic on bytes), or where `maxBytes` forces one. So the chunks
 * do not depend on the input order, and changing, adding or removing one object renames only
 * the chunk holding it (rarely a neighbour): the other chunks keep their content and name and
 * cost no write.
 *
 * Errors: `ValidationError` `PAYLOAD_TOO_LARGE` naming every object over
 * {@link MAX_OBJECT_BYTES}; `OptionsError` for bad sizes.
 */
export function chunkPayload(objects: readonly KubeObject[], options: ChunkPayloadOptions): PayloadChunk[] {
  const maxBytes = options.maxBytes ?? MAX_CHUNK_BYTES;
  const targetBytes = options.targetBytes ?? Math.max(1, Math.floor(maxBytes / 4));
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1 || maxBytes > MAX_OBJECT_BYTES) {
    throw new OptionsError(`chunkPayload: \`maxBytes\` must be a whole number from 1 to ${MAX_OBJECT_BYTES}`);
  }
  if (!Number.isSafeInteger(targetBytes) || targetBytes < 1 || targetBytes > maxBytes) {
    throw new OptionsError('chunkPayload: `targetBytes` must be a whole number from 1 to `maxBytes`');
  }
  const docs = objects
    .map((object) => {
      const key = refKey(refOf(object));
      const text = serializeManifest(object);
      return { object, key, text, bytes: Buffer.byteLength(text) };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const tooLarge = docs.filter((d) => d.bytes > MAX_OBJECT_BYTES);
  if (tooLarge.length > 0) {
    const issues = tooLarge.map((d) => ({
      code: 'PAYLOAD_TOO_LARGE',
      message: `${formatRef(refOf(d.object))} takes ${d.bytes} bytes serialized, more than a payload ConfigMap holds (${MAX_OBJECT_BYTES})`,
      ref: refOf(d.object),
    }));
    throw new ValidationError('PAYLOAD_TOO_LARGE', issues[0]!.message, { ref: issues[0]!.ref, issues });
  }

  const total = docs.reduce((sum, d) => sum + d.bytes, 0);
  const divisor = anchorDivisor(total, docs.length, targetBytes);
  const chunks: PayloadChunk[] = [];
  let current: string[] = [];
  let currentBytes = 0;
  const close = (): void => {
    if (current.length === 0) return;
    const text = current.join(SEPARATOR);
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 10);
    chunks.push({ name: `${options.prefix}-payload-${hash}`, text, bytes: Buffer.byteLength(text), objects: current.length });
    current = [];
    currentBytes = 0;
  };
  for (const doc of docs) {
    const added = current.length === 0 ? doc.bytes : currentBytes + SEPARATOR_BYTES + doc.bytes;
    if (current.length > 0 && added > maxBytes) close();
    currentBytes = current.length === 0 ? doc.bytes : currentBytes + SEPARATOR_BYTES + doc.bytes;
    current.push(doc.text);
    if (doc.bytes > maxBytes || anchorHash(doc.key) % divisor === 0) close();
  }
  close();
  return chunks;
}

import { createHash } from 'node:crypto';
import type { KubeObject } from '../../core/object-ref.js';
import { canonicalJson } from '../../manifests/index.js';
import { chunkPayload, MAX_CHUNK_BYTES, type PayloadChunk } from './chunk-payload.js';

/**
 * Where a ProxySync puts its payload: objects inline in the remote Sync's
 * `spec.source.inline`, and chunks referenced by `spec.source.configMapRefs`.
 */
export interface PayloadPlan {
  /** Objects to write inline: all of them for a small set, else only the Secrets. */
  readonly inline: readonly KubeObject[];
  /** The payload ConfigMaps, in the order of `configMapRefs`. */
  readonly chunks: readonly PayloadChunk[];
  /** The UTF-8 size of all the objects, serialized. */
  readonly bytes: number;
}

/** Options of {@link planPayload}. */
export interface PlanPayloadOptions {
  /** Names the chunks (`<prefix>-payload-<hash>`): the remote Sync's name. */
  readonly prefix: string;
  /** Everything goes inline when the serialized objects take fewer bytes than this. */
  readonly inlineLimitBytes: number;
  /** The most a chunk holds. @default MAX_CHUNK_BYTES */
  readonly maxChunkBytes?: number;
}

const isSecret = (o: KubeObject): boolean => o.apiVersion === 'v1' && o.kind === 'Secret';

/**
 * Decides where the validated objects go (pure): all inline when their JSON is under
 * `inlineLimitBytes`; otherwise content-addressed chunks, except Secrets, which stay inline: a
 * ConfigMap is readable by roles that may not read Secrets (the built-in `view`), the Sync
 * object is not (syncprims' own roles guard it like Secrets). A source may not be empty, so
 * an empty set (everything removed: the remote Sync prunes it all) is one empty chunk.
 *
 * Errors: see {@link chunkPayload}.
 */
export function planPayload(objects: readonly KubeObject[], options: PlanPayloadOptions): PayloadPlan {
  const bytes = Buffer.byteLength(canonicalJson(objects));
  if (objects.length > 0 && bytes < options.inlineLimitBytes) return { inline: objects, chunks: [], bytes };
  const inline = objects.filter(isSecret);
  const chunks = chunkPayload(
    objects.filter((o) => !isSecret(o)),
    { prefix: options.prefix, maxBytes: options.maxChunkBytes ?? MAX_CHUNK_BYTES },
  );
  if (chunks.length > 0 || inline.length > 0) return { inline, chunks, bytes };
  const empty: PayloadChunk = { name: `${options.prefix}-payload-${createHash('sha256').update('').digest('hex').slice(0, 10)}`, text: '', bytes: 0, objects: 0 };
  return { inline, chunks: [empty], bytes };
}

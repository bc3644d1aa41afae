import { createHash } from 'node:crypto';
import type { KubeObject } from '../../core/object-ref.js';
import { canonicalJson } from '../../manifests/index.js';
import { chunkPayload, MAX_CHUNK_BYTES, type PayloadChunk } from './chunk-payload.js';

/** Where a ProxySync puts its payload: inline in the remote Sync, or in ConfigMaps. */
export type PayloadPlan =
  | {
      readonly mode: 'inline';
      /** The objects, as `spec.source.inline`. */
      readonly objects: readonly KubeObject[];
      /** The UTF-8 size of the serialized objects. */
      readonly bytes: number;
    }
  | {
      readonly mode: 'chunks';
      /** The payload ConfigMaps, in the order of `spec.source.configMapRefs` (at least one). */
      readonly chunks: readonly PayloadChunk[];
      readonly bytes: number;
    };

/** Options of {@link planPayload}. */
export interface PlanPayloadOptions {
  /** Names the chunks (`<prefix>-payload-<hash>`): the remote Sync's name. */
  readonly prefix: string;
  /** Inline when the serialized objects take fewer bytes than this. */
  readonly inlineLimitBytes: number;
  /** The most a chunk holds. @default MAX_CHUNK_BYTES */
  readonly maxChunkBytes?: number;
}

/**
 * Decides where the validated objects go (pure): inline when their JSON is under
 * `inlineLimitBytes` and there is at least one, otherwise content-addressed chunks. An empty set
 * (everything removed, so the remote Sync prunes it all) is one empty chunk, since a Sync's
 * source may not be empty.
 *
 * Errors: see {@link chunkPayload}.
 */
export function planPayload(objects: readonly KubeObject[], options: PlanPayloadOptions): PayloadPlan {
  const bytes = Buffer.byteLength(canonicalJson(objects));
  if (objects.length > 0 && bytes < options.inlineLimitBytes) return { mode: 'inline', objects, bytes };
  const chunks = chunkPayload(objects, { prefix: options.prefix, maxBytes: options.maxChunkBytes ?? MAX_CHUNK_BYTES });
  if (chunks.length > 0) return { mode: 'chunks', chunks, bytes };
  const empty: PayloadChunk = { name: `${options.prefix}-payload-${createHash('sha256').update('').digest('hex').slice(0, 10)}`, text: '', bytes: 0, objects: 0 };
  return { mode: 'chunks', chunks: [empty], bytes };
}

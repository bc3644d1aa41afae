import type { KubeObject } from '../core/object-ref.js';

/**
 * Where a {@link Manifest} came from: a file path or label, the document index and, for
 * objects flattened out of a `List`, the item index.
 *
 * @example
 * ```ts
 * import type { ManifestOrigin } from 'syncprims';
 * const origin: ManifestOrigin = { origin: 'deploy/app.yaml', document: 2, line: 14 };
 * ```
 */
export interface ManifestOrigin {
  /** The file path (as given to `Source.files`, joined with the relative path) or a label. */
  readonly origin: string;
  /** 0-based index of the document in the file or text (empty documents count, a leading `---` does not). */
  readonly document: number;
  /** 0-based index of the object inside a `List` document. */
  readonly item?: number;
  /** 1-based line where the document starts, when known (YAML and JSON text). */
  readonly line?: number;
}

/**
 * One object read from a {@link Source}, with its origin.
 *
 * Caveat: a `Source` only checks syntax; the object is validated (required fields, names,
 * duplicates, kinds, namespaces) by `prepareDesiredSet`.
 */
export interface Manifest {
  /** The object as read (not yet validated). */
  readonly object: KubeObject;
  /** Where it came from, for error messages. */
  readonly origin: ManifestOrigin;
}

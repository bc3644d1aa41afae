import type { Manifest } from './manifest.js';
import type { SourceLoadOptions } from './source-load-options.js';
import { filesSource } from './files-source.js';
import { objectsSource } from './objects-source.js';
import { yamlSource } from './yaml-source.js';

/**
 * Where a sync's desired objects come from. Build one with `Source.files(pathOrDir)`,
 * `Source.yaml(text, origin?)` or `Source.objects(objects, origin?)`, or implement the
 * interface yourself (a git checkout, an OCI artifact, a template engine).
 *
 * `load()` is called at every pass and returns the manifests as they are now, with their
 * origins. It checks syntax only and rejects with a `ValidationError` for text it cannot
 * read; `prepareDesiredSet` validates the objects themselves.
 *
 * @example
 * ```ts
 * import { Source, type Manifest } from 'syncprims';
 *
 * const crds = Source.files('config/crds');
 * const app = Source.yaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app, namespace: web}\n');
 *
 * // Your own source: any object with `description` and `load()`.
 * const generated: Source = {
 *   description: 'generated namespaces',
 *   async load(): Promise<Manifest[]> {
 *     return ['a', 'b'].map((name, document) => ({
 *       object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
 *       origin: { origin: 'generated', document },
 *     }));
 *   },
 * };
 * ```
 */
export interface Source {
  /** Says where the manifests come from, for messages (`files config/crds`). */
  readonly description: string;
  /** Reads the manifests now. Rejects with the signal's reason when aborted. */
  load(options?: SourceLoadOptions): Promise<Manifest[]>;
}

/** The built-in sources: `Source.files`, `Source.yaml`, `Source.objects`. */
export const Source: {
  /** Reads a file, or a directory recursively (`.yaml`, `.yml`, `.json`; multi-document). */
  readonly files: typeof filesSource;
  /** Reads YAML (multi-document) or JSON text; `origin` names it in messages. @default origin 'inline' */
  readonly yaml: typeof yamlSource;
  /** Uses objects given in memory; `origin` names them in messages. @default origin 'objects' */
  readonly objects: typeof objectsSource;
} = Object.freeze({ files: filesSource, yaml: yamlSource, objects: objectsSource });

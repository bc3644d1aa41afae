import { throwIfAborted } from '../core/abort.js';
import { OptionsError } from '../core/sync-error.js';
import { buildValidationError } from './build-validation-error.js';
import type { Manifest } from './manifest.js';
import { parseDocuments } from './parse-documents.js';
import type { Source } from './source.js';
import type { SourceLoadOptions } from './source-load-options.js';

/**
 * A source of YAML (multi-document, `---` separated) or JSON text. Each `load()` parses the
 * text again and returns fresh objects. Empty documents are skipped, `List` documents flattened.
 *
 * Errors: `load()` rejects with a `ValidationError` (`INVALID_MANIFEST`) listing every
 * malformed document (origin, document index, line and column) and every document that is not
 * a mapping; the other documents are still checked so all problems are reported at once.
 * `OptionsError` when `text` is not a string.
 *
 * @example
 * ```ts
 * import { Source } from 'syncprims';
 * const source = Source.yaml('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n', 'inline');
 * const [ns] = await source.load();
 * ```
 */
export function yamlSource(text: string, origin = 'inline'): Source {
  if (typeof text !== 'string') throw new OptionsError('Source.yaml: `text` must be a string');
  if (typeof origin !== 'string' || origin === '') throw new OptionsError('Source.yaml: `origin` must be a non-empty string');
  return {
    description: `yaml ${origin}`,
    async load(options: SourceLoadOptions = {}): Promise<Manifest[]> {
      throwIfAborted(options.signal);
      const { manifests, issues } = parseDocuments(text, origin);
      if (issues.length > 0) throw buildValidationError(issues);
      return manifests;
    },
  };
}

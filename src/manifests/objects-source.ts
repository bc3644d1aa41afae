import type { ValidationIssue } from '../core/sync-error.js';
import { throwIfAborted } from '../core/abort.js';
import { OptionsError } from '../core/sync-error.js';
import { buildValidationError } from './build-validation-error.js';
import { expandDocument } from './expand-document.js';
import type { Manifest } from './manifest.js';
import type { Source } from './source.js';
import type { SourceLoadOptions } from './source-load-options.js';

/**
 * A source of objects given in memory. Each `load()` returns a fresh deep copy (plain JSON) of
 * the objects as they are at that time, so the loaded ones can be changed freely.
 * `List` objects are flattened; `null`/`undefined` entries are skipped. The document index of
 * a manifest is its index in `objects`.
 *
 * Errors: `load()` rejects with a `ValidationError` (`INVALID_MANIFEST`) listing every entry
 * that is not a JSON mapping (NaN, functions, cycles...); `OptionsError` when `objects` is not an array.
 *
 * @example
 * ```ts
 * import { Source } from 'syncprims';
 * const source = Source.objects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } }], 'bootstrap');
 * const manifests = await source.load();
 * ```
 */
export function objectsSource(objects: readonly unknown[], origin = 'objects'): Source {
  if (!Array.isArray(objects)) throw new OptionsError('Source.objects: `objects` must be an array');
  if (typeof origin !== 'string' || origin === '') throw new OptionsError('Source.objects: `origin` must be a non-empty string');
  const items: readonly unknown[] = [...(objects as readonly unknown[])];
  return {
    description: `objects ${origin} (${items.length})`,
    async load(options: SourceLoadOptions = {}): Promise<Manifest[]> {
      throwIfAborted(options.signal);
      const manifests: Manifest[] = [];
      const issues: ValidationIssue[] = [];
      items.forEach((value, document) => {
        const expanded = expandDocument(value, { origin, document });
        manifests.push(...expanded.manifests);
        issues.push(...expanded.issues);
      });
      if (issues.length > 0) throw buildValidationError(issues);
      return manifests;
    },
  };
}

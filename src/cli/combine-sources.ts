import { ValidationError, type ValidationIssue } from '../core/sync-error.js';
import { throwIfAborted } from '../core/abort.js';
import { buildValidationError } from '../manifests/build-validation-error.js';
import type { Manifest, Source } from '../manifests/index.js';
import type { SourceLoadOptions } from '../manifests/source-load-options.js';

/**
 * One source made of several (`-f a -f b`): their manifests in order. Every source is read,
 * so the validation problems of all of them are reported at once.
 */
export function combineSources(sources: readonly Source[]): Source {
  if (sources.length === 1) return sources[0]!;
  return {
    description: sources.map((s) => s.description).join(', '),
    async load(options: SourceLoadOptions = {}): Promise<Manifest[]> {
      const manifests: Manifest[] = [];
      const issues: ValidationIssue[] = [];
      for (const source of sources) {
        throwIfAborted(options.signal);
        try {
          manifests.push(...(await source.load(options)));
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          issues.push(...err.issues);
        }
      }
      if (issues.length > 0) throw buildValidationError(issues);
      return manifests;
    },
  };
}

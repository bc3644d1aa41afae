import { readdir, readFile, stat, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { throwIfAborted } from '../core/abort.js';
import { OptionsError, ValidationError, type ValidationIssue } from '../core/sync-error.js';
import { buildValidationError } from './build-validation-error.js';
import type { Manifest } from './manifest.js';
import { parseDocuments } from './parse-documents.js';
import type { Source } from './source.js';
import type { SourceLoadOptions } from './source-load-options.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

function errnoOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}

function unreadable(path: string, err: unknown): ValidationIssue {
  const code = errnoOf(err);
  const what = code === 'ENOENT' ? 'no such file or directory' : `cannot be read (${code})`;
  return { code: 'INVALID_MANIFEST', message: `${path}: ${what}`, source: { origin: path } };
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Lists the manifest files under `dir` in a deterministic order; collects unreadable entries as issues. */
async function listManifestFiles(dir: string, issues: ValidationIssue[], signal: AbortSignal | undefined): Promise<string[]> {
  const files: string[] = [];
  const visited = new Set<string>();
  const walk = async (current: string): Promise<void> => {
    throwIfAborted(signal);
    let entries;
    try {
      const real = await realpath(current);
      if (visited.has(real)) return; // a symlink loop, or a directory reached twice
      visited.add(real);
      entries = await readdir(current, { withFileTypes: true });
    } catch (err) {
      issues.push(unreadable(current, err));
      return;
    }
    for (const entry of entries.sort(byName)) {
      if (entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (err) {
          if (MANIFEST_FILE.test(entry.name)) issues.push(unreadable(path, err));
          continue;
        }
      }
      if (isDirectory) await walk(path);
      else if (isFile && MANIFEST_FILE.test(entry.name)) files.push(path);
    }
  };
  await walk(dir);
  return files;
}

/**
 * A source of manifest files: one file, or a directory read recursively. Each `load()` reads
 * the files again.
 *
 * - Files ending in `.yaml`, `.yml` or `.json` (any case) are read; other files are ignored.
 *   A file given directly is read whatever its name.
 * - Order is deterministic: entries of each directory sorted by name (code-point order),
 *   subdirectories read where they sort, like `kubectl apply -R`.
 * - Entries whose name starts with `.` are skipped (`.git`, and the `..data` links of a
 *   mounted ConfigMap, which would otherwise give every object twice).
 * - Symbolic links are followed; a directory is read once even when links loop back to it.
 * - Each file may hold several YAML documents or one JSON document. The origin of a manifest
 *   is `pathOrDir` joined with the file's relative path.
 *
 * Errors: `load()` rejects with a `ValidationError` (`INVALID_MANIFEST`) when `pathOrDir`
 * does not exist, listing every unreadable file and every malformed document of every file
 * (path, document index, line and column); with the signal's reason when aborted.
 *
 * @example
 * ```ts
 * import { Source } from 'syncprims';
 * const source = Source.files('config/crds');
 * const manifests = await source.load({ signal: AbortSignal.timeout(10_000) });
 * console.log(source.description, manifests.length);
 * ```
 */
export function filesSource(pathOrDir: string): Source {
  if (typeof pathOrDir !== 'string' || pathOrDir === '') throw new OptionsError('Source.files: `pathOrDir` must be a non-empty path');
  return {
    description: `files ${pathOrDir}`,
    async load(options: SourceLoadOptions = {}): Promise<Manifest[]> {
      const { signal } = options;
      throwIfAborted(signal);
      let root;
      try {
        root = await stat(pathOrDir);
      } catch (err) {
        const issue = unreadable(pathOrDir, err);
        throw new ValidationError(issue.code, issue.message, { source: { origin: pathOrDir }, cause: err });
      }
      const issues: ValidationIssue[] = [];
      const files = root.isDirectory() ? await listManifestFiles(pathOrDir, issues, signal) : [pathOrDir];
      const manifests: Manifest[] = [];
      for (const file of files) {
        throwIfAborted(signal);
        let text: string;
        try {
          text = await readFile(file, { encoding: 'utf8', ...(signal ? { signal } : {}) });
        } catch (err) {
          throwIfAborted(signal);
          issues.push(unreadable(file, err));
          continue;
        }
        const parsed = parseDocuments(text, file);
        manifests.push(...parsed.manifests);
        issues.push(...parsed.issues);
      }
      if (issues.length > 0) throw buildValidationError(issues);
      return manifests;
    },
  };
}

import { OptionsError, ValidationError } from '../core/sync-error.js';
import { Source } from '../manifests/index.js';
import type { CliIo } from './cli-io.js';
import { combineSources } from './combine-sources.js';
import { readStreamText } from './read-stream-text.js';
import { withDefaultNamespace } from './with-default-namespace.js';

/**
 * The source of `-f` paths: files and directories (`Source.files`), `-` for YAML or JSON on
 * stdin (read once, now), several `-f` combined in order; objects without a namespace get
 * `-n`'s namespace when one is given.
 *
 * Errors: `OptionsError` without `-f` or with `-` twice; `ValidationError`
 * (`INVALID_MANIFEST`) when stdin cannot be read. Files are read by the sync pass itself.
 */
export async function cliSource(paths: readonly string[] | undefined, io: CliIo, defaultNamespace: string | undefined): Promise<Source> {
  if (!paths || paths.length === 0) throw new OptionsError('-f/--filename is required: a manifest file, a directory, or - for stdin');
  if (paths.filter((p) => p === '-').length > 1) throw new OptionsError('-f - (stdin) may be given once');
  const sources: Source[] = [];
  for (const path of paths) {
    if (path === '') throw new OptionsError('-f/--filename: empty path');
    if (path !== '-') {
      sources.push(Source.files(path));
      continue;
    }
    let text: string;
    try {
      text = await readStreamText(io.stdin, io.signal);
    } catch (err) {
      if (io.signal.aborted) throw err;
      throw new ValidationError('INVALID_MANIFEST', `stdin: cannot be read (${err instanceof Error ? err.message : String(err)})`, { cause: err, source: { origin: 'stdin' } });
    }
    sources.push(Source.yaml(text, 'stdin'));
  }
  const source = combineSources(sources);
  return defaultNamespace === undefined ? source : withDefaultNamespace(source, defaultNamespace);
}

import { loadAll, YAMLException, type LoadOptions } from 'js-yaml';
import type { ValidationIssue } from '../core/sync-error.js';
import { expandDocument } from './expand-document.js';
import type { Manifest, ManifestOrigin } from './manifest.js';
import { manifestIssue } from './manifest-issue.js';
import { MAX_MANIFEST_DEPTH } from './to-plain-json.js';
import { MANIFEST_YAML_SCHEMA } from './yaml-schema.js';

/** What {@link parseDocuments} found: the manifests, and the problems of the documents it could not read. */
export interface ParsedDocuments {
  readonly manifests: Manifest[];
  readonly issues: ValidationIssue[];
}

interface Chunk {
  readonly text: string;
  /** 1-based line of the chunk's first line. */
  readonly start: number;
  /** 1-based line of the first line with content. */
  readonly line: number;
  readonly blank: boolean;
}

const MARKER = /^---(?=[ \t\r]|$)/;
const BLANK = /^[ \t\r]*(#.*)?$/;
const DIRECTIVE = /^%/;

const LOAD_OPTIONS: LoadOptions & { maxDepth: number } = { schema: MANIFEST_YAML_SCHEMA, maxDepth: MAX_MANIFEST_DEPTH };

/**
 * Splits a YAML stream at its `---` lines (the way kubectl does), so that one malformed
 * document does not hide the others. Directives (`%YAML`) stay with their document.
 */
function splitDocuments(text: string): Chunk[] {
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  let current: string[] = [];
  let start = 1;
  const close = (): void => {
    const offset = current.findIndex((l) => !BLANK.test(l));
    chunks.push({ text: current.join('\n'), start, line: start + Math.max(0, offset), blank: offset < 0 });
  };
  lines.forEach((line, i) => {
    if (MARKER.test(line)) {
      const meaningful = current.filter((l) => !BLANK.test(l));
      const directivesOnly = meaningful.length > 0 && meaningful.every((l) => DIRECTIVE.test(l));
      if (!directivesOnly) {
        close();
        current = [];
        start = i + 1;
        // Keep what follows the marker (`--- {a: 1}`) at its column.
        current.push(`   ${line.slice(3)}`);
        return;
      }
    }
    current.push(line);
  });
  close();
  // A leading `---` opens the first document: the empty text before it is not one.
  if (chunks.length > 1 && chunks[0]?.blank) chunks.shift();
  return chunks;
}

function firstLine(text: string): number {
  const offset = text.split('\n').findIndex((l) => !BLANK.test(l));
  return offset < 0 ? 1 : offset + 1;
}

/**
 * Parses YAML (multi-document) or JSON text into manifests, with the origin, document index
 * and line of each. Empty documents are skipped, `List` documents flattened; documents that
 * are not mappings, and malformed ones, become `INVALID_MANIFEST` issues naming the document
 * and the line and column of the error, while the other documents are still read.
 *
 * Never throws. Messages never quote the text (it may hold Secret data).
 */
export function parseDocuments(input: string, origin: string): ParsedDocuments {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const manifests: Manifest[] = [];
  const issues: ValidationIssue[] = [];
  const add = (value: unknown, at: ManifestOrigin): void => {
    const expanded = expandDocument(value, at);
    manifests.push(...expanded.manifests);
    issues.push(...expanded.issues);
  };

  const head = text.trimStart()[0];
  if (head === '{' || head === '[') {
    let json: { value: unknown } | undefined;
    try {
      json = { value: JSON.parse(text) as unknown };
    } catch {
      json = undefined; // not plain JSON: read it as YAML, which reports where it breaks
    }
    if (json) {
      add(json.value, { origin, document: 0, line: firstLine(text) });
      return { manifests, issues };
    }
  }

  const syntax = head === '{' || head === '[' ? 'JSON or YAML' : 'YAML';
  let document = 0;
  for (const chunk of splitDocuments(text)) {
    const at: ManifestOrigin = { origin, document, line: chunk.line };
    let docs: unknown[];
    try {
      docs = loadAll(chunk.text, null, LOAD_OPTIONS);
    } catch (err) {
      issues.push(manifestIssue('INVALID_MANIFEST', at, describeYamlError(err, chunk.start, syntax)));
      document++;
      continue;
    }
    if (docs.length === 0) document++;
    for (const doc of docs) add(doc, { origin, document: document++, line: chunk.line });
  }
  return { manifests, issues };
}

function describeYamlError(err: unknown, start: number, syntax: string): string {
  if (err instanceof YAMLException) {
    const where = err.mark ? ` at line ${start + err.mark.line}, column ${err.mark.column + 1}` : '';
    return `malformed ${syntax}: ${err.reason || 'cannot be parsed'}${where}`;
  }
  if (err instanceof RangeError) return `malformed ${syntax}: nests too deeply`;
  return `malformed ${syntax}: cannot be parsed`;
}

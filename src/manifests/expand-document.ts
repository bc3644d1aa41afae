import type { KubeObject } from '../core/object-ref.js';
import type { ValidationIssue } from '../core/sync-error.js';
import { describeValue } from './describe-value.js';
import { joinFieldPath } from './field-path.js';
import type { Manifest, ManifestOrigin } from './manifest.js';
import { manifestIssue } from './manifest-issue.js';
import { toPlainJson } from './to-plain-json.js';

/** Manifests found in one document, and the problems that kept others out. */
export interface ExpandedDocument {
  readonly manifests: Manifest[];
  readonly issues: ValidationIssue[];
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Whether a mapping is a list of objects to flatten: `kind: List`, or a kind ending in `List`
 * with an `items` list and no `metadata.name` (a custom resource named `...List` has a name).
 */
export function isListDocument(doc: Record<string, unknown>): boolean {
  const kind = doc['kind'];
  if (kind === 'List') return true;
  if (typeof kind !== 'string' || !kind.endsWith('List') || !Array.isArray(doc['items'])) return false;
  const meta = doc['metadata'];
  return !(isMapping(meta) && typeof meta['name'] === 'string' && meta['name'] !== '');
}

/**
 * Turns one parsed document into manifests: skips empty documents (`null`), copies the value
 * into plain JSON, refuses anything but a mapping at the top level, and flattens `List`
 * documents (`item` is the index in `items`). Never throws.
 */
export function expandDocument(value: unknown, origin: ManifestOrigin): ExpandedDocument {
  const manifests: Manifest[] = [];
  const issues: ValidationIssue[] = [];
  if (value === null || value === undefined) return { manifests, issues };
  const plain = toPlainJson(value);
  if (!plain.ok) {
    const { field, message } = plain.problem;
    issues.push(manifestIssue('INVALID_MANIFEST', origin, field ? message : `the document ${message}`, field ? { field } : {}));
    return { manifests, issues };
  }
  const walk = (doc: unknown, at: ManifestOrigin, path: string): void => {
    if (!isMapping(doc)) {
      const what = `${path ? `${path} ` : 'the document '}is ${describeValue(doc)}, expected a mapping (a Kubernetes object)`;
      issues.push(manifestIssue('INVALID_MANIFEST', at, what));
      return;
    }
    if (!isListDocument(doc)) {
      manifests.push({ object: doc as KubeObject, origin: at });
      return;
    }
    const items = doc['items'];
    if (items === null || items === undefined) return;
    if (!Array.isArray(items)) {
      issues.push(manifestIssue('INVALID_MANIFEST', at, `must be a list, got ${describeValue(items)}`, { field: joinFieldPath(path, 'items') }));
      return;
    }
    items.forEach((item: unknown, i) => {
      walk(item, at.item === undefined ? { ...at, item: i } : at, joinFieldPath(joinFieldPath(path, 'items'), i));
    });
  };
  walk(plain.value, origin, '');
  return { manifests, issues };
}

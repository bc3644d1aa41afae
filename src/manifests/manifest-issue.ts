import type { ObjectRef } from '../core/object-ref.js';
import { formatRef } from '../core/object-ref.js';
import type { SyncErrorCode, ValidationIssue } from '../core/sync-error.js';
import { formatOrigin } from './format-origin.js';
import type { ManifestOrigin } from './manifest.js';

/** What {@link manifestIssue} needs besides the code, origin and text. */
export interface ManifestIssueDetails {
  /** The object as read (possibly invalid); its kind, namespace and name are named when present. */
  readonly object?: unknown;
  /** The field path the issue is about, e.g. `metadata.labels.app`. */
  readonly field?: string;
  /** The object's reference, when known better than from `object` (after namespace defaulting). */
  readonly ref?: ObjectRef;
}

function printable(s: string): string {
  const short = s.length > 100 ? `${s.slice(0, 100)}…` : s;
  return /^[\x21-\x7e]+$/.test(short) ? short : JSON.stringify(short);
}

function field(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The reference of an object that may be invalid: `undefined` unless apiVersion, kind and name are strings. */
export function refOfUnknown(value: unknown): ObjectRef | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const obj = value as Record<string, unknown>;
  const meta = obj['metadata'];
  const apiVersion = field(obj, 'apiVersion');
  const kind = field(obj, 'kind');
  const name = typeof meta === 'object' && meta !== null ? field(meta as Record<string, unknown>, 'name') : undefined;
  if (!apiVersion || !kind || !name) return undefined;
  const namespace = field(meta as Record<string, unknown>, 'namespace');
  return namespace ? { apiVersion, kind, namespace, name } : { apiVersion, kind, name };
}

/** Names an object that may be invalid: `Deployment web/api`, `ConfigMap (no name)`, or `undefined`. */
export function describeObject(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const obj = value as Record<string, unknown>;
  const kind = field(obj, 'kind');
  const meta = obj['metadata'];
  const m = typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? (meta as Record<string, unknown>) : {};
  const name = field(m, 'name');
  const namespace = field(m, 'namespace');
  if (!kind && !name) return undefined;
  const who = name ? `${namespace ? `${printable(namespace)}/` : ''}${printable(name)}` : '(no name)';
  return `${kind ? printable(kind) : '(no kind)'} ${who}`;
}

/**
 * Builds one {@link ValidationIssue} whose message names the origin (file, document, item,
 * line), the object (`Kind ns/name`) and the field: `app.yaml, document 2 (line 14),
 * Deployment web/api: metadata.name is required`. Values are never included.
 */
export function manifestIssue(code: SyncErrorCode, origin: ManifestOrigin, text: string, details: ManifestIssueDetails = {}): ValidationIssue {
  const ref = details.ref ?? refOfUnknown(details.object);
  const who = details.ref ? formatRef(details.ref) : describeObject(details.object);
  const message = `${formatOrigin(origin)}${who ? `, ${who}` : ''}: ${details.field ? `${details.field} ` : ''}${text}`;
  const source = {
    origin: origin.origin,
    document: origin.document,
    ...(details.field ? { field: details.field } : {}),
  };
  return { code, message, source, ...(ref ? { ref } : {}) };
}

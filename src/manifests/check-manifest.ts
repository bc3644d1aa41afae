import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import type { KubeObject } from '../core/object-ref.js';
import type { ValidationIssue } from '../core/sync-error.js';
import { cleanMetadata } from './clean-metadata.js';
import { decodeCrd, isCrd, type CrdKind } from './crd-kinds.js';
import { describeValue } from './describe-value.js';
import { joinFieldPath } from './field-path.js';
import { checkKindFields } from './kind-fields-codec.js';
import { checkName, isDns1123Subdomain, nameRuleOf } from './kubernetes-names.js';
import { checkLabelValue, checkQualifiedName } from './label-rules.js';
import type { ManifestOrigin } from './manifest.js';
import { manifestIssue } from './manifest-issue.js';
import { checkManifestShape } from './manifest-codec.js';
import { toPlainJson } from './to-plain-json.js';

/** The result of {@link checkManifest}. */
export interface CheckedManifest {
  readonly origin: ManifestOrigin;
  /** The plain-JSON, cleaned object, when its shape is valid (it may still have issues). */
  readonly object?: KubeObject;
  readonly issues: ValidationIssue[];
  /** For a valid CRD: the kinds it defines. */
  readonly crdKinds: CrdKind[];
}

const OriginCodec = t.intersection([
  t.type({ origin: t.string, document: t.number }),
  t.partial({ item: t.number, line: t.number }),
]);

const VERSION = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[A-Za-z][-A-Za-z0-9]{0,62}$/;

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function originOf(entry: unknown, index: number): ManifestOrigin {
  const origin = isMapping(entry) ? OriginCodec.decode(entry['origin']) : undefined;
  if (origin && isRight(origin)) {
    const o = origin.right;
    return { origin: o.origin, document: o.document, ...(o.item === undefined ? {} : { item: o.item }), ...(o.line === undefined ? {} : { line: o.line }) };
  }
  return { origin: 'manifests', document: index };
}

function checkApiVersion(apiVersion: string): string | undefined {
  const parts = apiVersion.split('/');
  const ok =
    parts.length <= 2 && VERSION.test(parts[parts.length - 1] ?? '') && (parts.length === 1 || isDns1123Subdomain(parts[0] ?? ''));
  return ok ? undefined : 'must be "version" or "group/version", e.g. "v1" or "apps/v1"';
}

/**
 * Checks one manifest on its own (no cluster, no other manifests): plain JSON, required fields
 * and their types (io-ts), apiVersion and kind syntax, kind-specific fields, the name rule of
 * the kind, label keys and values, annotation keys, and a CRD's spec and name. Never throws.
 */
export function checkManifest(entry: unknown, index: number): CheckedManifest {
  try {
    return checkReadableManifest(entry, index);
  } catch {
    // A getter or proxy of a user-built manifest threw: report it without its text.
    const origin = { origin: 'manifests', document: index };
    return { origin, issues: [manifestIssue('INVALID_MANIFEST', origin, 'the manifest could not be read (a getter or proxy threw)')], crdKinds: [] };
  }
}

function checkReadableManifest(entry: unknown, index: number): CheckedManifest {
  const origin = originOf(entry, index);
  const issues: ValidationIssue[] = [];
  const crdKinds: CrdKind[] = [];
  const done = (object?: KubeObject): CheckedManifest => ({ origin, issues, crdKinds, ...(object ? { object } : {}) });

  const plain = toPlainJson(isMapping(entry) ? entry['object'] : entry);
  if (!plain.ok) {
    const { field, message } = plain.problem;
    issues.push(manifestIssue('INVALID_MANIFEST', origin, field ? message : `the object ${message}`, field ? { field } : {}));
    return done();
  }
  const obj = plain.value;
  if (!isMapping(obj)) {
    issues.push(manifestIssue('INVALID_MANIFEST', origin, `the object is ${describeValue(obj)}, expected a mapping (a Kubernetes object)`));
    return done();
  }
  cleanMetadata(obj);
  const shape = checkManifestShape(obj['metadata'] === undefined ? { ...obj, metadata: {} } : obj);
  for (const p of shape) issues.push(manifestIssue('INVALID_MANIFEST', origin, p.message, { object: obj, field: p.field }));
  const { apiVersion, kind } = obj;
  if (typeof apiVersion === 'string' && typeof kind === 'string') {
    for (const p of checkKindFields(apiVersion, kind, obj)) {
      issues.push(manifestIssue('INVALID_MANIFEST', origin, p.message, { object: obj, field: p.field }));
    }
  }
  if (shape.length > 0) return done();

  const object = obj as KubeObject;
  const { metadata } = object;
  const versionProblem = checkApiVersion(object.apiVersion);
  if (versionProblem) issues.push(manifestIssue('INVALID_MANIFEST', origin, versionProblem, { object, field: 'apiVersion' }));
  if (!KIND.test(object.kind)) {
    issues.push(manifestIssue('INVALID_MANIFEST', origin, 'must start with a letter and hold at most 63 letters, digits or "-"', { object, field: 'kind' }));
  }
  if (versionProblem || !KIND.test(object.kind)) return done();

  const nameProblem = checkName(metadata.name, nameRuleOf(object.apiVersion, object.kind));
  if (nameProblem) issues.push(manifestIssue('INVALID_NAME', origin, nameProblem, { object, field: 'metadata.name' }));
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    const field = joinFieldPath('metadata.labels', key);
    const keyProblem = checkQualifiedName(key);
    if (keyProblem) issues.push(manifestIssue('INVALID_MANIFEST', origin, `has an invalid key: ${keyProblem}`, { object, field }));
    const valueProblem = checkLabelValue(value);
    if (valueProblem) issues.push(manifestIssue('INVALID_MANIFEST', origin, valueProblem, { object, field }));
  }
  for (const key of Object.keys(metadata.annotations ?? {})) {
    const keyProblem = checkQualifiedName(key);
    if (keyProblem) {
      const field = joinFieldPath('metadata.annotations', key);
      issues.push(manifestIssue('INVALID_MANIFEST', origin, `has an invalid key: ${keyProblem}`, { object, field }));
    }
  }
  if (isCrd(object)) {
    const crd = decodeCrd(object);
    for (const p of crd.problems) issues.push(manifestIssue('INVALID_MANIFEST', origin, p.message, { object, field: p.field }));
    if (crd.problems.length === 0) {
      const spec = object['spec'] as { group: string; names: { plural: string } };
      const expected = `${spec.names.plural}.${spec.group}`;
      if (metadata.name !== expected) {
        issues.push(manifestIssue('INVALID_NAME', origin, `must be "<spec.names.plural>.<spec.group>": ${JSON.stringify(expected)}`, { object, field: 'metadata.name' }));
      }
    }
    crdKinds.push(...crd.kinds);
  }
  return done(object);
}

/**
 * A small model of what the API server does with a structural CRD schema, for the unit tests:
 * which schemas it accepts as structural, and how it prunes and validates an object. The real
 * server is the judge in test/integration/crd-schema.test.ts; this model lets the unit tests
 * catch a disagreement between codec and schema without a cluster.
 */
import type { JsonSchemaProps } from '../../../src/api/json-schema-props.js';

const FORBIDDEN_IN_ANY_OF = ['type', 'description', 'default', 'additionalProperties', 'nullable', 'x-kubernetes-preserve-unknown-fields'] as const;

/** Lists the rules of structural schemas that `schema` breaks (empty when structural). */
export function structuralProblems(schema: JsonSchemaProps, path = ''): string[] {
  const problems: string[] = [];
  const s = schema as Record<string, unknown>;
  if (!schema.type && !schema['x-kubernetes-preserve-unknown-fields']) problems.push(`${path || '<root>'}: no type`);
  if (schema.type === 'object' && schema.properties && schema.additionalProperties) problems.push(`${path}: properties and additionalProperties`);
  if (schema.type !== 'object' && (schema.properties || schema.additionalProperties)) problems.push(`${path}: properties on a ${String(schema.type)}`);
  if (schema.type !== 'array' && schema.items) problems.push(`${path}: items on a ${String(schema.type)}`);
  if (schema.type === 'array' && !schema.items) problems.push(`${path}: array without items`);
  for (const key of schema.required ?? []) {
    if (!schema.properties?.[key] && !schema['x-kubernetes-preserve-unknown-fields']) problems.push(`${path}: required ${key} is not a property`);
  }
  for (const [i, branch] of (schema.anyOf ?? []).entries()) {
    for (const key of FORBIDDEN_IN_ANY_OF) if (key in branch) problems.push(`${path}.anyOf[${i}]: ${key} is not allowed`);
    for (const key of Object.keys(branch.properties ?? {})) {
      if (!schema.properties?.[key]) problems.push(`${path}.anyOf[${i}]: property ${key} is not declared outside`);
    }
  }
  if (schema['x-kubernetes-list-type'] === 'map') {
    const item = schema.items;
    for (const key of schema['x-kubernetes-list-map-keys'] ?? []) {
      const prop = item?.properties?.[key];
      if (!prop || !['string', 'integer', 'boolean', 'number'].includes(prop.type ?? '')) problems.push(`${path}: map key ${key} is not a scalar property`);
      if (!item?.required?.includes(key)) problems.push(`${path}: map key ${key} is not required`);
    }
  }
  for (const [key, child] of Object.entries(schema.properties ?? {})) problems.push(...structuralProblems(child, `${path}.${key}`));
  if (schema.items) problems.push(...structuralProblems(schema.items, `${path}[]`));
  if (schema.additionalProperties) problems.push(...structuralProblems(schema.additionalProperties, `${path}{}`));
  if ('default' in s) problems.push(`${path}: defaults are applied by the codec, not the schema`);
  return problems;
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Prunes like the server: nulls of non-nullable fields, and fields the schema does not declare. */
export function prune(schema: JsonSchemaProps, value: unknown): unknown {
  if (Array.isArray(value)) return schema.items ? value.map((v) => prune(schema.items!, v)) : value;
  if (!isRecord(value) || schema.type !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const child = schema.properties?.[key] ?? schema.additionalProperties;
    if (v === null && child && !child.nullable) continue;
    if (child) out[key] = prune(child, v);
    else if (schema['x-kubernetes-preserve-unknown-fields']) out[key] = v;
  }
  return out;
}

/** Validates a pruned value; returns the errors (empty when valid). */
export function validate(schema: JsonSchemaProps, value: unknown, path: string): string[] {
  const errors: string[] = [];
  const fail = (message: string): string[] => [`${path}: ${message}`];
  if (value === null && schema.nullable) return errors;
  switch (schema.type) {
    case 'object':
      if (!isRecord(value)) return fail('not an object');
      break;
    case 'array':
      if (!Array.isArray(value)) return fail('not an array');
      break;
    case 'string':
      if (typeof value !== 'string') return fail('not a string');
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail('not an integer');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return fail('not a boolean');
      break;
    default:
      break;
  }
  if (schema.enum && !schema.enum.includes(value as string)) errors.push(...fail('not in enum'));
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) errors.push(...fail('too short'));
    if (schema.maxLength !== undefined && length > schema.maxLength) errors.push(...fail('too long'));
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) errors.push(...fail('pattern'));
    if (schema.format === 'date-time' && !RFC3339.test(value)) errors.push(...fail('not a date-time'));
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) errors.push(...fail('below minimum'));
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(...fail('too few items'));
    if (schema.items) value.forEach((v, i) => errors.push(...validate(schema.items!, v, `${path}[${i}]`)));
    if (schema['x-kubernetes-list-type'] === 'map') {
      const keys = value.map((v) => JSON.stringify(schema['x-kubernetes-list-map-keys']!.map((k) => (v as Record<string, unknown>)[k])));
      if (new Set(keys).size !== keys.length) errors.push(...fail('duplicate map key'));
    }
  }
  if (isRecord(value)) {
    for (const key of schema.required ?? []) if (!(key in value)) errors.push(...fail(`${key} required`));
    for (const [key, v] of Object.entries(value)) {
      const child = schema.properties?.[key] ?? schema.additionalProperties;
      if (child) errors.push(...validate(child, v, `${path}.${key}`));
    }
  }
  if (schema.anyOf && !schema.anyOf.some((branch) => validate(branch, value, path).length === 0)) errors.push(...fail('no anyOf branch'));
  return errors;
}

/** What the server would answer to a create: the errors after pruning (empty when accepted). */
export function admit(schema: JsonSchemaProps, object: unknown): string[] {
  return validate(schema, prune(schema, object), '');
}

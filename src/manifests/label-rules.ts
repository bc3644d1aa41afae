import { isDns1123Subdomain } from './kubernetes-names.js';

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Checks a label or annotation key (`[prefix/]name`: a DNS subdomain prefix, a name of at most
 * 63 alphanumerics, `-`, `_`, `.`). Returns why it is invalid, or `undefined`.
 */
export function checkQualifiedName(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'must be a qualified name: an optional DNS subdomain prefix and "/", then a name';
  const name = parts[parts.length - 1] ?? '';
  const prefix = parts.length === 2 ? parts[0] ?? '' : undefined;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return 'has a prefix that is not a DNS-1123 subdomain';
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return 'must be a qualified name: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (optionally prefixed by a DNS subdomain and "/")';
  }
  return undefined;
}

/** Checks a label value (empty, or at most 63 alphanumerics, `-`, `_`, `.`). Returns why it is invalid, or `undefined`. */
export function checkLabelValue(value: string): string | undefined {
  if (value.length <= 63 && LABEL_VALUE.test(value)) return undefined;
  return 'must be a valid label value: empty, or at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
}

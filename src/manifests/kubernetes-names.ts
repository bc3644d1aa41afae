import { groupOf } from '../core/object-ref.js';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The rule `metadata.name` of a kind must follow. */
export type NameRule = 'dns-label' | 'dns-subdomain' | 'path-segment';

/**
 * Whether `value` is an RFC 1123 label: at most 63 lowercase alphanumerics or `-`, starting and
 * ending with an alphanumeric. Namespaces, Services and namespace names follow it.
 *
 * @example
 * ```ts
 * import { isDns1123Label } from 'syncprims';
 * isDns1123Label('web-1'); // true
 * isDns1123Label('web.1'); // false
 * ```
 */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && LABEL.test(value);
}

/**
 * Whether `value` is an RFC 1123 subdomain: at most 253 characters, dot-separated labels.
 * Most kinds' names follow it.
 *
 * @example
 * ```ts
 * import { isDns1123Subdomain } from 'syncprims';
 * isDns1123Subdomain('widgets.example.com'); // true
 * ```
 */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && SUBDOMAIN.test(value);
}

/** The name rule of a kind: a label for Namespace and Service, a path segment for RBAC kinds, else a subdomain. */
export function nameRuleOf(apiVersion: string, kind: string): NameRule {
  const group = groupOf(apiVersion);
  if (group === '' && (kind === 'Namespace' || kind === 'Service')) return 'dns-label';
  if (group === 'rbac.authorization.k8s.io' && ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].includes(kind)) {
    return 'path-segment';
  }
  return 'dns-subdomain';
}

/**
 * Checks a name against a rule; returns why it is invalid (without repeating the name), or
 * `undefined` when it is valid.
 */
export function checkName(name: string, rule: NameRule): string | undefined {
  switch (rule) {
    case 'dns-label':
      return isDns1123Label(name)
        ? undefined
        : 'must be a DNS-1123 label: at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit';
    case 'dns-subdomain':
      return isDns1123Subdomain(name)
        ? undefined
        : 'must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, "-" or ".", starting and ending with a letter or digit';
    case 'path-segment':
      if (name === '.' || name === '..') return 'may not be "." or ".."';
      if (/[/%]/.test(name)) return 'may not contain "/" or "%"';
      return undefined;
  }
}

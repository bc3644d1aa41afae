/**
 * Name syntaxes Kubernetes enforces, as regular expressions valid both in JavaScript and in Go
 * (RE2), so the same text serves the io-ts codecs and the CRD schemas.
 */

/** A DNS-1123 label (namespaces, most label-like names): at most 63 characters. */
export const DNS_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** The longest DNS-1123 label. */
export const DNS_LABEL_MAX = 63;

/** A DNS-1123 subdomain (ConfigMap, Secret, ServiceAccount and custom resource names): at most 253 characters. */
export const DNS_SUBDOMAIN_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
/** The longest DNS-1123 subdomain. */
export const DNS_SUBDOMAIN_MAX = 253;

/** A ConfigMap or Secret data key. */
export const DATA_KEY_PATTERN = '^[-._a-zA-Z0-9]+$';
/** The longest data key. */
export const DATA_KEY_MAX = 253;

/** A label value: empty, or at most 63 alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric. */
export const LABEL_VALUE_PATTERN = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';
/** The longest label value. */
export const LABEL_VALUE_MAX = 63;

const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const SUBDOMAIN_RE = new RegExp(DNS_SUBDOMAIN_PATTERN);

/**
 * Checks a label or annotation key (`[prefix/]name`): the prefix a DNS-1123 subdomain, the name
 * at most 63 alphanumerics, `-`, `_`, `.`. Returns a reason when it is not valid.
 *
 * A CRD schema cannot check map keys, so only the codecs enforce this.
 */
export function checkQualifiedName(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > DNS_SUBDOMAIN_MAX || !SUBDOMAIN_RE.test(prefix))) {
    return 'the prefix before "/" must be a DNS-1123 subdomain';
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_RE.test(name)) {
    return 'must be at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric, with an optional DNS subdomain prefix and "/"';
  }
  return undefined;
}

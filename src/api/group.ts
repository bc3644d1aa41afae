/** The API group of the syncprims custom resources. */
export const GROUP = 'syncprims.dev';

/** The version of the syncprims custom resources this package reads and writes. */
export const VERSION = 'v1alpha1';

/** `GROUP/VERSION`: the `apiVersion` of every syncprims custom resource. */
export const API_VERSION = 'syncprims.dev/v1alpha1';

/**
 * The custom resource kinds, one per primitive, so RBAC can grant one without the others.
 *
 * @example
 * ```ts
 * import { KINDS, type SyncKind } from 'syncprims';
 * const kinds: readonly SyncKind[] = KINDS; // ['Sync', 'RemoteSync', 'ProxySync']
 * ```
 */
export const KINDS = ['Sync', 'RemoteSync', 'ProxySync'] as const;

/** One of {@link KINDS}. */
export type SyncKind = (typeof KINDS)[number];

/** The resource (plural) name of each kind, as used in URLs and RBAC rules. */
export const PLURALS: Readonly<Record<SyncKind, string>> = Object.freeze({
  Sync: 'syncs',
  RemoteSync: 'remotesyncs',
  ProxySync: 'proxysyncs',
});

/** Returns true when `value` is one of the syncprims kinds. */
export function isSyncKind(value: unknown): value is SyncKind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

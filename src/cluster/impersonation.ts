import type { OutgoingHttpHeaders } from 'node:http';
import { OptionsError } from '../core/sync-error.js';

/**
 * Who to act as (Kubernetes impersonation): a user, or a ServiceAccount (sent as user
 * `system:serviceaccount:<namespace>:<name>`), optionally with groups. The credentials in
 * use need the `impersonate` verb on `users`/`serviceaccounts` (and `groups`).
 */
export interface Impersonation {
  /** A user name. Exclusive with `serviceAccount`. @default undefined */
  user?: string;
  /** A ServiceAccount. Exclusive with `user`. @default undefined */
  serviceAccount?: { namespace: string; name: string };
  /** Groups to act with (the server adds the ServiceAccount groups itself). @default [] */
  groups?: string[];
}

/**
 * Validates an impersonation and returns its `Impersonate-User` / `Impersonate-Group` headers.
 *
 * Errors: `OptionsError` when neither or both of `user` and `serviceAccount` are given, or a
 * name is empty.
 */
export function impersonationHeaders(imp: Impersonation): OutgoingHttpHeaders {
  if (typeof imp !== 'object' || imp === null) throw new OptionsError('impersonate: expected { user } or { serviceAccount: { namespace, name } }');
  const hasUser = imp.user !== undefined;
  const hasSa = imp.serviceAccount !== undefined;
  if (hasUser === hasSa) throw new OptionsError('impersonate: give exactly one of `user` or `serviceAccount`');
  let user: string;
  if (hasSa) {
    const { namespace, name } = imp.serviceAccount ?? { namespace: '', name: '' };
    if (typeof namespace !== 'string' || namespace === '' || typeof name !== 'string' || name === '') {
      throw new OptionsError('impersonate: `serviceAccount` needs a non-empty `namespace` and `name`');
    }
    user = `system:serviceaccount:${namespace}:${name}`;
  } else {
    if (typeof imp.user !== 'string' || imp.user === '') throw new OptionsError('impersonate: `user` must be a non-empty string');
    user = imp.user;
  }
  const groups = imp.groups ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string' || g === '')) {
    throw new OptionsError('impersonate: `groups` must be an array of non-empty strings');
  }
  return groups.length > 0 ? { 'Impersonate-User': user, 'Impersonate-Group': [...groups] } : { 'Impersonate-User': user };
}

import { KubeconfigError } from '../core/sync-error.js';
import type { ObjectRef } from '../core/object-ref.js';
import type { KubeconfigDocument } from './kubeconfig-codec.js';

/**
 * Picks the context to use (`context`, else `current-context`) and checks that it and the
 * cluster and user it names exist. Returns the context name.
 *
 * Errors: `KubeconfigError` `KUBECONFIG_INVALID` naming the missing context, cluster or user
 * (names are not secret) and the contexts available.
 */
export function resolveContext(doc: KubeconfigDocument, origin: string, context?: string, ref?: ObjectRef): string {
  const refOpt = ref ? { ref } : {};
  const contexts = doc.contexts ?? [];
  const name = context ?? doc['current-context'] ?? '';
  const available = contexts.map((c) => c.name).join(', ') || 'none';
  if (name === '') {
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: no current context (current-context is not set; contexts: ${available})`, refOpt);
  }
  const index = contexts.findIndex((c) => c.name === name);
  const ctx = contexts[index];
  if (!ctx) {
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: context "${name}" not found (contexts: ${available})`, refOpt);
  }
  if (!(doc.clusters ?? []).some((c) => c.name === ctx.context.cluster)) {
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: contexts[${index}].context.cluster: no cluster named "${ctx.context.cluster}"`, refOpt);
  }
  const user = ctx.context.user;
  if (user !== undefined && user !== '' && !(doc.users ?? []).some((u) => u.name === user)) {
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: contexts[${index}].context.user: no user named "${user}"`, refOpt);
  }
  return name;
}

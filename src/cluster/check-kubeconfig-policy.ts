import type { ObjectRef } from '../core/object-ref.js';
import { KubeconfigError } from '../core/sync-error.js';
import type { KubeconfigDocument } from './kubeconfig-codec.js';
import type { KubeconfigPolicy } from './kubeconfig-policy.js';

const CLUSTER_FILE_FIELDS = ['certificate-authority'] as const;
const USER_FILE_FIELDS = ['client-certificate', 'client-key', 'tokenFile', 'token-file'] as const;
const USER_EXEC_FIELDS = ['exec', 'auth-provider'] as const;

/**
 * Refuses a kubeconfig that runs plugins or reads local files without the matching opt-in.
 * Every entry is checked, not just the current context's: client-node reads token files of
 * all users while loading.
 *
 * Errors: `KubeconfigError` `KUBECONFIG_NOT_ALLOWED` naming the first refused field (e.g.
 * `users[0].user.exec`) and the option that allows it.
 */
export function checkKubeconfigPolicy(doc: KubeconfigDocument, policy: KubeconfigPolicy, origin: string, ref?: ObjectRef): void {
  const refuse = (field: string, what: string, option: keyof KubeconfigPolicy): never => {
    throw new KubeconfigError(
      'KUBECONFIG_NOT_ALLOWED',
      `${origin}: ${field} ${what}; refused unless the caller opts in with { ${option}: true }`,
      ref ? { ref } : {},
    );
  };
  for (const [i, user] of (doc.users ?? []).entries()) {
    const entry = user.user;
    if (!entry) continue;
    if (!policy.allowExec) {
      for (const field of USER_EXEC_FIELDS) {
        if (entry[field] !== undefined && entry[field] !== null) {
          refuse(`users[${i}].user.${field}`, field === 'exec' ? 'runs a local command' : 'runs an auth-provider plugin', 'allowExec');
        }
      }
    }
    if (!policy.allowFileRefs) {
      for (const field of USER_FILE_FIELDS) {
        if (entry[field] !== undefined && entry[field] !== '') refuse(`users[${i}].user.${field}`, 'references a local file', 'allowFileRefs');
      }
    }
  }
  if (!policy.allowFileRefs) {
    for (const [i, cluster] of (doc.clusters ?? []).entries()) {
      for (const field of CLUSTER_FILE_FIELDS) {
        if (cluster.cluster[field] !== undefined && cluster.cluster[field] !== '') {
          refuse(`clusters[${i}].cluster.${field}`, 'references a local file', 'allowFileRefs');
        }
      }
    }
  }
}

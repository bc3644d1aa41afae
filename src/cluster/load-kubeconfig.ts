import { KubeConfig } from '@kubernetes/client-node';
import type { ObjectRef } from '../core/object-ref.js';
import { KubeconfigError } from '../core/sync-error.js';
import { checkKubeconfigPolicy } from './check-kubeconfig-policy.js';
import type { KubeconfigPolicy } from './kubeconfig-policy.js';
import { parseKubeconfig } from './parse-kubeconfig.js';
import { resolveContext } from './resolve-context.js';

/** Options of {@link loadKubeconfig}. */
export interface LoadKubeconfigOptions {
  /** Use this context instead of `current-context`. @default undefined */
  context?: string;
  /** Resolve relative file paths against this directory (the kubeconfig file's). @default undefined */
  baseDir?: string;
  /** Enforce this policy (kubeconfigs from Secrets); no policy means everything is allowed. @default undefined */
  policy?: KubeconfigPolicy;
  /** The object the text came from, attached to errors. @default undefined */
  ref?: ObjectRef;
}

/**
 * Parses, decodes (io-ts), checks and loads kubeconfig text into a client-node `KubeConfig`
 * set to the chosen context.
 *
 * The policy is checked *before* client-node sees the text, because client-node reads
 * `token-file`s while loading.
 *
 * Errors: `KubeconfigError` `KUBECONFIG_INVALID` (not YAML, not a kubeconfig with the
 * field path, no current context, unknown context/cluster/user) or `KUBECONFIG_NOT_ALLOWED`.
 */
export function loadKubeconfig(text: string, origin: string, options: LoadKubeconfigOptions = {}): KubeConfig {
  const refOpt = options.ref ? { ref: options.ref } : {};
  const doc = parseKubeconfig(text, origin, options.ref);
  if (options.policy) checkKubeconfigPolicy(doc, options.policy, origin, options.ref);
  const contextName = resolveContext(doc, origin, options.context, options.ref);
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
    if (options.baseDir) kc.makePathsAbsolute(options.baseDir);
  } catch (err) {
    const path = (err as { path?: unknown })?.path;
    const code = (err as { code?: unknown })?.code;
    const detail =
      typeof path === 'string' ? `cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}` : err instanceof Error ? err.message : 'unreadable';
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: ${detail}`, { cause: err, ...refOpt });
  }
  kc.setCurrentContext(contextName);
  return kc;
}

import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { isLeft } from 'fp-ts/lib/Either.js';
import { KubeconfigError } from '../core/sync-error.js';
import type { ObjectRef } from '../core/object-ref.js';
import { describeDecodeError } from './describe-decode-error.js';
import { KubeconfigCodec, type KubeconfigDocument } from './kubeconfig-codec.js';

/**
 * Parses and decodes kubeconfig YAML (or JSON) text.
 *
 * Errors: `KubeconfigError` with code `KUBECONFIG_INVALID` naming `origin` and, for a
 * decode failure, the field path (`users[0].user.token: expected string`). Neither the
 * text nor any value of it is ever included in the message (YAML syntax errors report
 * the line and column only).
 *
 * @param origin names the source in messages, e.g. `kubeconfig /home/me/.kube/config`.
 * @param ref the object the text came from (a Secret), attached to errors.
 */
export function parseKubeconfig(text: string, origin: string, ref?: ObjectRef): KubeconfigDocument {
  const refOpt = ref ? { ref } : {};
  let raw: unknown;
  try {
    raw = load(text, { schema: CORE_SCHEMA });
  } catch (err) {
    const where = err instanceof YAMLException ? ` at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : '';
    const reason = err instanceof YAMLException ? err.reason : 'unreadable';
    // The js-yaml message quotes the offending line, which may hold a credential: never use it.
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: not valid YAML: ${reason}${where}`, refOpt);
  }
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: empty kubeconfig`, refOpt);
  }
  const decoded = KubeconfigCodec.decode(raw);
  if (isLeft(decoded)) {
    throw new KubeconfigError('KUBECONFIG_INVALID', `${origin}: not a kubeconfig: ${describeDecodeError(decoded.left)}`, refOpt);
  }
  return decoded.right;
}

import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { ObjectRef } from '../core/object-ref.js';
import { KubeconfigError } from '../core/sync-error.js';
import type { SecretRef } from './cluster-options.js';
import { describeDecodeError } from './describe-decode-error.js';
import type { KubeClient } from './kube-client.js';

/** The keys tried, in order, when a {@link SecretRef} names no `key` (Cluster API writes `value`). */
export const KUBECONFIG_SECRET_KEYS: readonly string[] = Object.freeze(['value', 'value.yaml', 'kubeconfig']);

const SecretCodec = t.intersection([
  t.type({ metadata: t.partial({ resourceVersion: t.string }) }),
  t.partial({ data: t.union([t.record(t.string, t.string), t.null]) }),
]);

/** A kubeconfig read from a Secret. */
export interface KubeconfigSecret {
  /** The kubeconfig text (decoded from base64). */
  readonly text: string;
  /** The key it was read from. */
  readonly key: string;
  /** The Secret's resourceVersion: the text is unchanged while it is. */
  readonly resourceVersion: string;
}

/** The `ObjectRef` of the Secret a {@link SecretRef} names. */
export function secretObjectRef(ref: SecretRef): ObjectRef {
  return { apiVersion: 'v1', kind: 'Secret', namespace: ref.namespace, name: ref.name };
}

/**
 * Picks the kubeconfig out of a Secret as returned by the API server.
 *
 * Errors: `KubeconfigError` `SECRET_KEY_MISSING` naming the keys tried and the keys present
 * (key names are not secret; values never appear), `KUBECONFIG_INVALID` when the Secret is
 * malformed or the value is empty.
 */
export function pickKubeconfig(secret: unknown, ref: SecretRef): KubeconfigSecret {
  const objRef = secretObjectRef(ref);
  const where = `Secret ${ref.namespace}/${ref.name}`;
  const decoded = SecretCodec.decode(secret);
  if (isLeft(decoded)) {
    throw new KubeconfigError('KUBECONFIG_INVALID', `${where} is malformed: ${describeDecodeError(decoded.left)}`, { ref: objRef });
  }
  const data = decoded.right.data ?? {};
  const tried = ref.key !== undefined ? [ref.key] : KUBECONFIG_SECRET_KEYS;
  const key = tried.find((k) => Object.prototype.hasOwnProperty.call(data, k));
  if (key === undefined) {
    const present = Object.keys(data);
    throw new KubeconfigError(
      'SECRET_KEY_MISSING',
      `${where} has no key ${tried.map((k) => `"${k}"`).join(', ')} (keys present: ${present.length > 0 ? present.join(', ') : 'none'})`,
      { ref: objRef },
    );
  }
  const text = Buffer.from(data[key] ?? '', 'base64').toString('utf8');
  if (text.trim() === '') {
    throw new KubeconfigError('KUBECONFIG_INVALID', `${where} key "${key}" is empty`, { ref: objRef });
  }
  return { text, key, resourceVersion: decoded.right.metadata.resourceVersion ?? '' };
}

/**
 * Reads a kubeconfig Secret through `client`.
 *
 * Errors: `KubeconfigError` `SECRET_NOT_FOUND` (retryable: it may be created later, e.g. by
 * Cluster API), those of {@link pickKubeconfig}, and the client's (`FORBIDDEN`, `UNREACHABLE`, ...).
 */
export async function readKubeconfigSecret(client: KubeClient, ref: SecretRef, clusterName: string, signal?: AbortSignal): Promise<KubeconfigSecret> {
  const objRef = secretObjectRef(ref);
  const secret = await client.get(objRef, signal ? { signal } : {});
  if (!secret) {
    throw new KubeconfigError('SECRET_NOT_FOUND', `kubeconfig Secret ${ref.namespace}/${ref.name} not found in cluster ${clusterName}`, {
      ref: objRef,
      retryable: true,
    });
  }
  return pickKubeconfig(secret, ref);
}

import type { Agree, Expect, SchemaCodec } from './schema-codec.js';
import { objectField, optional, required } from './object-field.js';
import { stringField } from './leaf-fields.js';
import { DATA_KEY_MAX, DATA_KEY_PATTERN, DNS_SUBDOMAIN_MAX, DNS_SUBDOMAIN_PATTERN } from './name-patterns.js';

/** A key of a Secret in the same namespace. */
export interface SecretKeyRef {
  /** The Secret name. */
  name: string;
  /** The data key holding the kubeconfig. @default undefined (the first of `value`, `value.yaml`, `kubeconfig`) */
  key?: string;
}

/** Where the kubeconfig of the remote cluster is: a Secret in the same namespace. */
export interface KubeConfigRef {
  /** The Secret holding the kubeconfig. */
  secretRef: SecretKeyRef;
}

const secretKeyRefField = objectField(
  {
    name: required(
      stringField({
        description: 'The Secret name (same namespace).',
        pattern: DNS_SUBDOMAIN_PATTERN,
        patternHint: 'must be a DNS-1123 subdomain (lowercase alphanumerics, "-" and ".")',
        minLength: 1,
        maxLength: DNS_SUBDOMAIN_MAX,
      }),
    ),
    key: optional(
      stringField({
        description: 'The data key holding the kubeconfig; when absent the first of `value`, `value.yaml`, `kubeconfig`.',
        pattern: DATA_KEY_PATTERN,
        patternHint: 'must be a Secret key (alphanumerics, "-", "_" and ".")',
        maxLength: DATA_KEY_MAX,
      }),
    ),
  },
  { description: 'A Secret in the same namespace holding a kubeconfig.' },
);

/**
 * The `kubeConfig` field. Kubeconfigs read from Secrets may not run `exec`/`auth-provider`
 * plugins or read local files.
 */
export const kubeConfigField: SchemaCodec<KubeConfigRef> = objectField(
  { secretRef: required(secretKeyRefField) },
  { description: 'The kubeconfig of the remote cluster, from a Secret in the same namespace. It may not run exec or auth-provider plugins, nor read local files.' },
);

type _SecretKeyRefAgrees = Expect<Agree<SecretKeyRef, typeof secretKeyRefField.codec._A>>;
type _KubeConfigRefAgrees = Expect<Agree<KubeConfigRef, typeof kubeConfigField.codec._A>>;

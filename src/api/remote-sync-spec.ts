import type * as t from 'io-ts';
import type { Agree, Expect, SchemaCodec } from './schema-codec.js';
import { objectField, required } from './object-field.js';
import { kubeConfigField, type KubeConfigRef } from './kube-config-ref.js';
import { syncSpecProps, withRetryDefault, type SyncSpec, type SyncSpecJson } from './sync-spec.js';

/** The spec of a `RemoteSync`, decoded: a {@link SyncSpec} applied to the cluster of `kubeConfig`. */
export interface RemoteSyncSpec extends SyncSpec {
  /** The remote cluster's kubeconfig, from a Secret in the same namespace. */
  kubeConfig: KubeConfigRef;
}

/** The JSON form of a {@link RemoteSyncSpec}. */
export interface RemoteSyncSpecJson extends SyncSpecJson {
  kubeConfig: KubeConfigRef;
}

const remoteSyncSpecObject = objectField(
  { ...syncSpecProps, kubeConfig: required(kubeConfigField) },
  { description: 'What to apply to the remote cluster reached through kubeConfig, and how.' },
);

/** The `spec` field of a RemoteSync: codec and schema. */
export const remoteSyncSpecField: SchemaCodec<RemoteSyncSpec, RemoteSyncSpecJson> = withRetryDefault(remoteSyncSpecObject);

/**
 * io-ts codec of a `RemoteSync` spec: the Sync spec plus `kubeConfig.secretRef`.
 *
 * @example
 * ```ts
 * import { RemoteSyncSpecCodec } from 'syncprims';
 * const r = RemoteSyncSpecCodec.decode({
 *   source: { configMapRefs: [{ name: 'install' }] },
 *   kubeConfig: { secretRef: { name: 'edge-1-kubeconfig' } },
 * });
 * if (r._tag === 'Right') console.log(r.right.kubeConfig.secretRef.name);
 * ```
 */
export const RemoteSyncSpecCodec: t.Type<RemoteSyncSpec, RemoteSyncSpecJson, unknown> = remoteSyncSpecField.codec;

type _RemoteSyncSpecJsonAgrees = Expect<Agree<RemoteSyncSpecJson, typeof remoteSyncSpecObject.codec._O>>;

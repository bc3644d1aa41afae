import * as t from 'io-ts';

/**
 * io-ts codec of the minimum every Kubernetes object from the API server has:
 * `apiVersion`, `kind`, `metadata.name`. Other fields are kept as they are.
 */
export const KubeObjectCodec = t.type({
  apiVersion: t.string,
  kind: t.string,
  metadata: t.type({ name: t.string }),
});

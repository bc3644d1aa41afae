import * as t from 'io-ts';

function orNull<C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC]> {
  return t.union([codec, t.null]);
}

const ClusterEntry = t.intersection([
  t.type({ server: t.string }),
  t.partial({
    'certificate-authority': t.string,
    'certificate-authority-data': t.string,
    'insecure-skip-tls-verify': t.boolean,
    'tls-server-name': t.string,
    'proxy-url': t.string,
    'disable-compression': t.boolean,
  }),
]);

const ExecConfig = t.intersection([
  t.type({ command: t.string }),
  t.partial({ apiVersion: t.string, args: orNull(t.array(t.string)), env: t.unknown, interactiveMode: t.string }),
]);

const AuthProviderConfig = t.intersection([t.type({ name: t.string }), t.partial({ config: orNull(t.record(t.string, t.unknown)) })]);

const UserEntry = t.partial({
  token: t.string,
  tokenFile: t.string,
  'token-file': t.string,
  'client-certificate': t.string,
  'client-certificate-data': t.string,
  'client-key': t.string,
  'client-key-data': t.string,
  username: t.string,
  password: t.string,
  as: t.string,
  'as-uid': t.string,
  'as-groups': orNull(t.array(t.string)),
  exec: orNull(ExecConfig),
  'auth-provider': orNull(AuthProviderConfig),
});

const ContextEntry = t.intersection([t.type({ cluster: t.string }), t.partial({ user: t.string, namespace: t.string })]);

const NamedCluster = t.type({ name: t.string, cluster: ClusterEntry });
const NamedUser = t.type({ name: t.string, user: orNull(UserEntry) });
const NamedContext = t.type({ name: t.string, context: ContextEntry });

/**
 * io-ts codec of a kubeconfig document (`kind: Config`): the fields syncprims reads or
 * checks. Unknown fields are tolerated (and ignored), absent lists may be `null`.
 */
export const KubeconfigCodec = t.partial({
  apiVersion: t.string,
  kind: t.literal('Config'),
  'current-context': orNull(t.string),
  clusters: orNull(t.array(NamedCluster)),
  users: orNull(t.array(NamedUser)),
  contexts: orNull(t.array(NamedContext)),
});

/** A kubeconfig document as decoded by {@link KubeconfigCodec}. */
export type KubeconfigDocument = t.TypeOf<typeof KubeconfigCodec>;

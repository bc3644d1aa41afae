import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { ResourceMapping } from './kube-client.js';

const CrdCodec = t.type({
  spec: t.type({
    group: t.string,
    scope: t.string,
    names: t.type({ kind: t.string, plural: t.string }),
    versions: t.array(t.intersection([t.type({ name: t.string }), t.partial({ served: t.boolean })])),
  }),
  status: t.partial({ conditions: t.union([t.array(t.type({ type: t.string, status: t.string })), t.null]) }),
});

const CrdListCodec = t.type({ items: t.array(t.unknown) });

/**
 * Finds the mapping of `group/version` `kind` in a `CustomResourceDefinitionList`: a CRD of
 * that group and kind, serving that version, with condition `Established=True`.
 *
 * The API server publishes an established CRD in discovery a moment after it sets
 * `Established`; this closes that gap. Malformed items are skipped.
 */
export function findCrdMapping(list: unknown, group: string, version: string, kind: string): ResourceMapping | undefined {
  const decoded = CrdListCodec.decode(list);
  if (isLeft(decoded)) return undefined;
  for (const item of decoded.right.items) {
    const crd = CrdCodec.decode(item);
    if (isLeft(crd)) continue;
    const { spec, status } = crd.right;
    if (spec.group !== group || spec.names.kind !== kind) continue;
    if (!spec.versions.some((v) => v.name === version && v.served !== false)) continue;
    if (!(status.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True')) continue;
    return { group, version, kind, resource: spec.names.plural, namespaced: spec.scope === 'Namespaced' };
  }
  return undefined;
}

/** True for groups that can be served by CRDs: a dotted name outside the `*.k8s.io` built-ins. */
export function mayBeCustomGroup(group: string): boolean {
  return group.includes('.') && !group.endsWith('.k8s.io') && group !== 'k8s.io';
}

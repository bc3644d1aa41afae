import { dump } from 'js-yaml';
import { syncprimsCrds } from '../../api/crds.js';
import type { KubeObject } from '../../core/object-ref.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-code.js';

/** Multi-document YAML of `objects` (`---` between documents), as `kubectl apply -f -` reads it. */
export function toYamlDocuments(objects: readonly KubeObject[]): string {
  return objects.map((o) => dump(o, { noRefs: true, lineWidth: -1, sortKeys: false })).join('---\n');
}

/**
 * `syncprims crds`: prints the CustomResourceDefinitions of `Sync`, `RemoteSync` and
 * `ProxySync`, as YAML documents or (`-o json`) a `v1` `List`: `syncprims crds | kubectl apply -f -`.
 */
export function runCrdsCommand(ctx: CliContext): ExitCode {
  const crds = syncprimsCrds();
  if (ctx.global.output === 'json') ctx.outJson({ apiVersion: 'v1', kind: 'List', items: crds });
  else ctx.out(toYamlDocuments(crds));
  return ExitCode.Ok;
}

import * as t from 'io-ts';
import { throwIfAborted } from '../core/abort.js';
import { SyncError } from '../core/sync-error.js';
import type { KubeClient } from '../cluster/kube-client.js';
import type { Manifest } from '../manifests/manifest.js';
import type { Source } from '../manifests/source.js';
import type { SourceLoadOptions } from '../manifests/source-load-options.js';
import { objectsSource } from '../manifests/objects-source.js';
import { yamlSource } from '../manifests/yaml-source.js';

/** The `spec.source` of a `Sync` or `RemoteSync` custom resource, as decoded. */
export interface CustomResourceSourceSpec {
  /** Objects given in the resource itself. */
  readonly inline?: readonly unknown[];
  /** ConfigMaps in the resource's namespace; each key's value is YAML (or only `key` when set). */
  readonly configMapRefs?: readonly { readonly name: string; readonly key?: string }[];
}

/** The part of a ConfigMap this source reads (a ConfigMap from the server is untrusted input). */
const configMapDataCodec = t.partial({ data: t.record(t.string, t.string) });

/**
 * The {@link Source} of a custom resource: `spec.source.inline` objects, then the YAML held in
 * each ConfigMap of `spec.source.configMapRefs` (read from the resource's namespace at every
 * load, so editing the ConfigMap changes the desired set; keys in sorted order).
 *
 * Errors: `load()` rejects with a `SyncError` `NOT_FOUND` (retryable: the ConfigMap or key may
 * appear later) naming the ConfigMap and the spec field, and with `ValidationError` for YAML
 * it cannot read (origin `ConfigMap <ns>/<name> key <key>`).
 *
 * @example
 * ```ts
 * import { Cluster, CustomResourceSource } from 'syncprims';
 * const client = await Cluster.fromKubeconfig().connect();
 * const source = new CustomResourceSource(client, 'apps', 'Sync apps/web', {
 *   inline: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'apps' } }],
 *   configMapRefs: [{ name: 'web-manifests' }],
 * });
 * const manifests = await source.load();
 * ```
 */
export class CustomResourceSource implements Source {
  readonly description: string;
  private readonly client: Pick<KubeClient, 'get'>;
  private readonly namespace: string;
  private readonly owner: string;
  private readonly spec: CustomResourceSourceSpec;

  /**
   * @param client reads the ConfigMaps (the management cluster).
   * @param namespace the resource's namespace, where the ConfigMaps live.
   * @param owner names the resource in origins and messages, e.g. `Sync apps/web`.
   * @param spec the decoded `spec.source`.
   */
  constructor(client: Pick<KubeClient, 'get'>, namespace: string, owner: string, spec: CustomResourceSourceSpec) {
    this.client = client;
    this.namespace = namespace;
    this.owner = owner;
    this.spec = spec;
    const parts: string[] = [];
    if (spec.inline && spec.inline.length > 0) parts.push(`${spec.inline.length} inline`);
    for (const ref of spec.configMapRefs ?? []) parts.push(`ConfigMap ${namespace}/${ref.name}${ref.key ? ` key ${ref.key}` : ''}`);
    this.description = `${owner} source (${parts.join(', ') || 'empty'})`;
  }

  async load(options: SourceLoadOptions = {}): Promise<Manifest[]> {
    const { signal } = options;
    throwIfAborted(signal);
    const manifests: Manifest[] = [];
    if (this.spec.inline && this.spec.inline.length > 0) {
      manifests.push(...(await objectsSource(this.spec.inline, `${this.owner} spec.source.inline`).load(options)));
    }
    for (const [index, ref] of (this.spec.configMapRefs ?? []).entries()) {
      const field = `spec.source.configMapRefs[${index}]`;
      const configMapRef = { apiVersion: 'v1', kind: 'ConfigMap', namespace: this.namespace, name: ref.name };
      const configMap = await this.client.get(configMapRef, signal ? { signal } : {});
      throwIfAborted(signal);
      if (!configMap) {
        throw new SyncError('NOT_FOUND', `${this.owner}: ConfigMap ${this.namespace}/${ref.name} (${field}) not found`, {
          ref: configMapRef,
          retryable: true,
          source: { origin: this.owner, field },
        });
      }
      const data = configMapDataCodec.is(configMap) ? (configMap.data ?? {}) : {};
      const keys = ref.key !== undefined ? [ref.key] : Object.keys(data).sort();
      for (const key of keys) {
        const text = data[key];
        if (text === undefined) {
          throw new SyncError('NOT_FOUND', `${this.owner}: ConfigMap ${this.namespace}/${ref.name} has no key ${JSON.stringify(key)} (${field}.key)`, {
            ref: configMapRef,
            retryable: true,
            source: { origin: this.owner, field: `${field}.key` },
          });
        }
        manifests.push(...(await yamlSource(text, `ConfigMap ${this.namespace}/${ref.name} key ${key}`).load(options)));
      }
    }
    return manifests;
  }
}

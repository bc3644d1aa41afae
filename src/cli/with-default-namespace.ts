import type { Manifest, Source } from '../manifests/index.js';
import type { SourceLoadOptions } from '../manifests/source-load-options.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A source whose objects without `metadata.namespace` get `namespace`, like `kubectl -n`.
 * Cluster-scoped objects lose it again when the desired set is prepared, as kubectl does;
 * objects that name a namespace keep theirs (`--target-namespace` overrides all).
 */
export function withDefaultNamespace(source: Source, namespace: string): Source {
  return {
    description: `${source.description} (default namespace ${namespace})`,
    async load(options?: SourceLoadOptions): Promise<Manifest[]> {
      const manifests = await source.load(options);
      return manifests.map((m) => {
        const metadata: unknown = m.object.metadata;
        if (!isPlainObject(metadata) || (metadata['namespace'] !== undefined && metadata['namespace'] !== null && metadata['namespace'] !== '')) return m;
        return { ...m, object: { ...m.object, metadata: { ...(metadata as Manifest['object']['metadata']), namespace } } };
      });
    },
  };
}

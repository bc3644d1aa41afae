import { CORE_SCHEMA, Type, type Schema } from 'js-yaml';

/** The YAML merge key (`<<: *defaults`), as js-yaml defines it in its default schema. */
const mergeKey = new Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: (data: unknown) => data === '<<' || data === null,
});

/**
 * The schema manifests are read with: YAML 1.2 core (JSON types, `null`/`~`, `true`/`false`,
 * numbers) plus merge keys. Timestamps stay strings (as the API server sees them); tags such
 * as `!!binary`, `!!set` are refused.
 */
export const MANIFEST_YAML_SCHEMA: Schema = CORE_SCHEMA.extend({ implicit: [mergeKey] });

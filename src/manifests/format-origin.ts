import type { ManifestOrigin } from './manifest.js';

/**
 * Renders an origin for humans: `deploy/app.yaml, document 2, item 0 (line 14)`.
 *
 * @example
 * ```ts
 * import { formatOrigin } from 'syncprims';
 * formatOrigin({ origin: 'app.yaml', document: 1, line: 7 }); // 'app.yaml, document 1 (line 7)'
 * ```
 */
export function formatOrigin(origin: ManifestOrigin): string {
  const item = origin.item === undefined ? '' : `, item ${origin.item}`;
  const line = origin.line === undefined ? '' : ` (line ${origin.line})`;
  return `${origin.origin}, document ${origin.document}${item}${line}`;
}

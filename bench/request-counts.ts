/** Request counts by HTTP method (`GET`, `PATCH`, ...) or by API verb (`APPLY`, `LIST`, ...). */
export type RequestCounts = Readonly<Record<string, number>>;

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'CREATE', 'UPDATE', 'APPLY', 'DELETECOLLECTION']);

/** Sums the mutating requests (POST/PUT/PATCH/DELETE, or the API verbs that write). */
export function countMutating(counts: RequestCounts): number {
  return Object.entries(counts).reduce((n, [k, v]) => n + (MUTATING.has(k.toUpperCase()) ? v : 0), 0);
}

/** Sums every request. */
export function countAll(counts: RequestCounts): number {
  return Object.values(counts).reduce((n, v) => n + v, 0);
}

/** `after - before`, per key, dropping zeros. */
export function diffCounts(after: RequestCounts, before: RequestCounts): RequestCounts {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
}

/** Options of {@link Source.load}. */
export interface SourceLoadOptions {
  /** Aborts the load; it then rejects with the signal's reason. @default undefined (no abort) */
  signal?: AbortSignal;
}

const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `callback` once when `signal` aborts; returns a function that unsubscribes. All callbacks
 * of one signal share a single listener on it, so thousands of concurrent requests under one
 * caller's signal never trip Node's `MaxListenersExceededWarning` (the library never writes to
 * stderr) nor grow the signal's listener list.
 */
export function onAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (!signal) return () => {};
  if (signal.aborted) {
    queueMicrotask(callback);
    return () => {};
  }
  let set = subscribers.get(signal);
  if (!set) {
    const fresh = new Set<() => void>();
    subscribers.set(signal, fresh);
    signal.addEventListener(
      'abort',
      () => {
        for (const fn of [...fresh]) fn();
        fresh.clear();
      },
      { once: true },
    );
    set = fresh;
  }
  const entry = (): void => callback();
  set.add(entry);
  return () => {
    set.delete(entry);
  };
}

import { throwIfAborted } from '../core/abort.js';

/**
 * Reads a stream (stdin) to its end as UTF-8 text. Stops waiting when `signal` aborts and
 * rejects with its reason, so Ctrl-C works while a terminal's stdin is waiting for input.
 */
export async function readStreamText(stream: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, signal: AbortSignal): Promise<string> {
  throwIfAborted(signal);
  const iterator = Symbol.asyncIterator in stream ? stream[Symbol.asyncIterator]() : (stream as Iterable<string | Uint8Array>)[Symbol.iterator]();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    for (;;) {
      const next = await Promise.race([Promise.resolve(iterator.next()), aborted]);
      if (next.done) break;
      const chunk = next.value;
      text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    }
    return text + decoder.decode();
  } catch (err) {
    if (signal.aborted) void Promise.resolve(iterator.return?.()).catch(() => undefined);
    throw err;
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

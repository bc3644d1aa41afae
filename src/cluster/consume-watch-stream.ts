import type { IncomingMessage } from 'node:http';
import { ClusterAccessError } from '../core/sync-error.js';
import { LineSplitter } from './line-splitter.js';
import type { WatchEvent } from './kube-client.js';

/**
 * Reads a watch response (newline-delimited JSON) and calls `onEvent` for each event.
 *
 * Resolves when the server ends the stream. Rejects with the signal's reason when aborted
 * (the response is destroyed at once), with the error `parse` throws (an `ERROR` event,
 * a malformed line) or `onEvent` throws, and with a retryable `UNREACHABLE` error when the
 * connection drops mid-stream.
 */
export function consumeWatchStream(
  res: IncomingMessage,
  parse: (line: string) => WatchEvent | undefined,
  onEvent: (event: WatchEvent) => void,
  server: string,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const splitter = new LineSplitter();
    let done = false;
    const finish = (err?: unknown): void => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      if (err !== undefined) {
        res.destroy();
        reject(err);
      } else resolve();
    };
    const onAbort = (): void => finish(signal?.reason);
    const handle = (lines: string[]): void => {
      for (const line of lines) {
        if (done) return;
        try {
          const event = parse(line);
          if (event) onEvent(event);
        } catch (err) {
          finish(err);
          return;
        }
      }
    };
    if (signal?.aborted) {
      finish(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      if (!done) handle(splitter.push(chunk));
    });
    res.on('end', () => {
      if (!done) handle(splitter.end());
      finish();
    });
    const lost = (): void => {
      if (done) return;
      finish(
        signal?.aborted
          ? signal.reason
          : new ClusterAccessError('UNREACHABLE', `watch connection to ${server} lost before the server ended the stream`, { retryable: true }),
      );
    };
    res.on('error', lost);
    res.on('close', () => {
      if (!res.complete) lost();
    });
  });
}

import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream into lines (newline-delimited JSON), across chunk boundaries and
 * multi-byte UTF-8 characters split between chunks. Empty lines are dropped; a trailing
 * `\r` is removed.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  /** Adds a chunk; returns the lines it completed. */
  push(chunk: Buffer | string): string[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    return clean(parts);
  }

  /** Ends the stream; returns the last line if it had no trailing newline. */
  end(): string[] {
    const last = this.rest + this.decoder.end();
    this.rest = '';
    return clean([last]);
  }
}

function clean(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (trimmed.trim() !== '') out.push(trimmed);
  }
  return out;
}

import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';

/** What a bench child process prints as its last stdout line (JSON). */
export const ChildResult = t.intersection([
  t.type({
    /** Wall time of the measured step, in milliseconds (process start excluded). */
    ms: t.number,
    /** `process.resourceUsage().maxRSS` at exit: peak RSS in KiB. */
    maxRssKb: t.number,
  }),
  t.partial({ requests: t.record(t.string, t.number) }),
]);
export type ChildResult = t.TypeOf<typeof ChildResult>;

/** Decodes a child's output line; throws a readable error for anything else. */
export function decodeChildResult(line: string): ChildResult {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new Error(`bench child printed no JSON result: ${line.slice(0, 200)}`);
  }
  const decoded = ChildResult.decode(json);
  if (isLeft(decoded)) throw new Error(`bench child printed an unexpected result: ${line.slice(0, 200)}`);
  return decoded.right;
}

/** Prints a child's result as the last stdout line. */
export function printChildResult(result: ChildResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

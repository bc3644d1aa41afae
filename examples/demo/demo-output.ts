/** Console output of the demo: numbered steps, indented results, a table; colours on a TTY only. */
export interface DemoOutput {
  /** `[3/8] Bootstrap mgmt` */
  step(title: string): void;
  /** An indented line that reports success. */
  ok(line: string): void;
  /** An indented neutral line. */
  info(line: string): void;
  /** An indented line in grey (background detail, tool progress). */
  detail(line: string): void;
  /** An indented line that reports a failure or a caveat. */
  warn(line: string): void;
  /** A table with a header row, columns padded. */
  table(header: readonly string[], rows: readonly (readonly string[])[]): void;
  /** A short pause so a person can follow (none when the output is not a terminal). */
  pause(ms?: number): Promise<void>;
}

const tty = process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;
const paint = (code: string) => (text: string): string => (tty ? `\u001b[${code}m${text}\u001b[0m` : text);
export const bold = paint('1');
export const dim = paint('2');
export const green = paint('32');
export const yellow = paint('33');
export const cyan = paint('36');

/** Seconds with one decimal: `3.4s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Builds the demo's output for `total` steps. */
export function createOutput(total: number): DemoOutput {
  let current = 0;
  const write = (line: string): void => void process.stdout.write(`${line}\n`);
  return {
    step(title) {
      current++;
      write('');
      write(`${cyan(`[${current}/${total}]`)} ${bold(title)}`);
    },
    ok: (line) => write(`      ${green('✓')} ${line}`),
    info: (line) => write(`        ${line}`),
    detail: (line) => write(`        ${dim(line)}`),
    warn: (line) => write(`      ${yellow('!')} ${line}`),
    table(header, rows) {
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
      const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
      write(`      ${bold(line(header))}`);
      for (const row of rows) write(`      ${line(row)}`);
    },
    pause: (ms = 800) => (tty ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()),
  };
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchReport } from './bench-report.js';
import { formatReport } from './format-report.js';

/** Writes `<out>/<timestamp>.json` and `<out>/latest.md`; returns their paths and the markdown. */
export async function writeReport(report: BenchReport, out: string): Promise<{ json: string; markdown: string; text: string }> {
  await mkdir(out, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = join(out, `${stamp}.json`);
  const markdown = join(out, 'latest.md');
  const text = formatReport(report);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, text);
  return { json, markdown, text };
}

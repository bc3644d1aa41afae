import type { EventEmitter } from 'eventemitter3';
import { formatRef } from '../core/object-ref.js';
import type { SyncResult } from '../core/sync-result.js';
import type { ProgressEvent, SyncerEvents, SyncPhase } from '../core/syncer-events.js';
import type { CliWritable } from './cli-io.js';

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions {
  /** Where progress goes (stderr). */
  readonly stream: CliWritable;
  /** Redraw one live line with `\r` + clear-line (a terminal), or print plain lines. */
  readonly isTTY: boolean;
  /** Terminal width: the live line is cut to fit one row. @default 80 */
  readonly columns?: number;
}

/** ANSI: carriage return, then erase the whole line. */
export const CLEAR_LINE = '\r\x1b[2K';

const VERBS: Readonly<Record<SyncPhase, string>> = {
  validate: 'validating',
  apply: 'applying',
  wait: 'waiting',
  prune: 'pruning',
  delete: 'deleting',
  graph: 'running',
};

/**
 * Shows the progress of syncers on stderr. On a terminal, one live line redrawn in place
 * (`[2/5] app: applying 12/40`, `app: waiting for Deployment web/api (...)`); elsewhere, a
 * plain line when a phase starts, when the object the wait is blocked on changes, and when a
 * dag node ends. Other messages go through {@link ProgressReporter.note} so they never mix
 * with the live line.
 */
export class ProgressReporter {
  private readonly columns: number;
  private shown = '';
  private graph: ProgressEvent | undefined;
  private readonly status = new Map<string, string>();
  private current: string | undefined;
  private readonly phases = new Map<string, SyncPhase>();
  private readonly waitHeads = new Map<string, string>();

  constructor(private readonly options: ProgressReporterOptions) {
    this.columns = Math.max(20, options.columns ?? 80);
  }

  /** Follows a syncer's events (a dag forwards its nodes' events). Returns a function that stops following. */
  attach(emitter: EventEmitter<SyncerEvents>): () => void {
    const onProgress = (event: ProgressEvent): void => this.onProgress(event);
    const onPruned = ({ syncer, change }: SyncerEvents['pruned'][0]): void => {
      this.update(syncer, `${syncer}: ${change.action} ${formatRef(change.ref)}`);
    };
    const onWarning = ({ syncer, message }: SyncerEvents['warning'][0]): void => this.note(`warning: ${syncer}: ${message}`);
    const onEnd = (result: SyncResult): void => this.onEnd(result);
    emitter.on('progress', onProgress);
    emitter.on('pruned', onPruned);
    emitter.on('warning', onWarning);
    emitter.on('ready', onEnd);
    emitter.on('failed', onEnd);
    return () => {
      emitter.off('progress', onProgress);
      emitter.off('pruned', onPruned);
      emitter.off('warning', onWarning);
      emitter.off('ready', onEnd);
      emitter.off('failed', onEnd);
    };
  }

  /** Prints a message line (a warning, a log line) above the live line. */
  note(text: string): void {
    if (this.options.isTTY && this.shown !== '') {
      this.options.stream.write(`${CLEAR_LINE}${text}\n${this.shown}`);
      return;
    }
    this.options.stream.write(`${text}\n`);
  }

  /** Erases the live line (call before printing results). */
  clear(): void {
    if (this.options.isTTY && this.shown !== '') this.options.stream.write(CLEAR_LINE);
    this.shown = '';
  }

  private onProgress(event: ProgressEvent): void {
    const { syncer, phase, done, total } = event;
    if (phase === 'graph') {
      const before = this.graph;
      this.graph = event;
      if (this.options.isTTY) this.redraw();
      else if (!before || before.done !== done) this.plain(`${syncer}: ${done}/${total} done`);
      return;
    }
    const entered = this.phases.get(syncer) !== phase;
    this.phases.set(syncer, phase);
    if (phase === 'wait') {
      const waiting = event.waitingFor ?? [];
      const head = waiting[0];
      const text = head
        ? `${syncer}: waiting for ${formatRef(head.ref)} (${head.reason})${waiting.length > 1 ? ` and ${waiting.length - 1} more` : ''}, ${done}/${total} ready`
        : `${syncer}: ${done}/${total} ready`;
      const key = head ? `${formatRef(head.ref)}\n${head.reason}` : '';
      const changed = this.waitHeads.get(syncer) !== key;
      this.waitHeads.set(syncer, key);
      if (this.options.isTTY) this.update(syncer, text);
      else if (head && (entered || changed)) this.plain(text);
      return;
    }
    this.waitHeads.delete(syncer);
    const text = `${syncer}: ${VERBS[phase] ?? phase} ${done}/${total}`;
    if (this.options.isTTY) this.update(syncer, text);
    else if (entered) this.plain(`${syncer}: ${VERBS[phase] ?? phase} ${total} object${total === 1 ? '' : 's'}`);
  }

  private onEnd(result: SyncResult): void {
    this.phases.delete(result.name);
    this.waitHeads.delete(result.name);
    // Node results matter inside a dag; a single syncer's result is printed by the command.
    if (!this.graph || result.name === this.graph.syncer) return;
    const text = `${result.name}: ${result.state}`;
    if (this.options.isTTY) this.update(result.name, text);
    else this.plain(`${text}${result.state === 'ready' || result.state === 'planned' ? '' : `: ${firstLine(result.message)}`}`);
  }

  private update(syncer: string, text: string): void {
    this.status.set(syncer, text);
    this.current = syncer;
    if (this.options.isTTY) this.redraw();
  }

  private plain(text: string): void {
    this.options.stream.write(`${text}\n`);
  }

  private redraw(): void {
    const prefix = this.graph ? `[${this.graph.done}/${this.graph.total}] ` : '';
    const body = this.current !== undefined ? (this.status.get(this.current) ?? '') : '';
    const line = truncate(`${prefix}${body}`.trimEnd(), this.columns - 1);
    if (line === this.shown) return;
    this.shown = line;
    this.options.stream.write(`${CLEAR_LINE}${line}`);
  }
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

function truncate(text: string, width: number): string {
  const one = text.replace(/\s*\n\s*/g, ' ');
  return one.length <= width ? one : `${one.slice(0, width - 1)}…`;
}

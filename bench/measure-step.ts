import type { BenchTarget } from './bench-target.js';
import type { Measurement, Outcome } from './bench-report.js';
import { diffCounts } from './request-counts.js';
import { sendRequest } from './send-request.js';
import { readServerRequests } from './server-request-counts.js';

/** Thrown when the API server itself stopped answering: every later figure would be void. */
export class ClusterDownError extends Error {}

async function isServerUp(target: BenchTarget): Promise<boolean> {
  try {
    return (await sendRequest(target.observer, { method: 'GET', path: '/readyz' })).status === 200;
  } catch {
    return false;
  }
}

/** What a step reports about itself; the server-side request counts are added around it. */
export type StepFigures = Omit<Measurement, 'server'>;

/**
 * Runs one timed step between two readings of the API server's request counter. A step that
 * throws becomes a {@link Failure} with its message and the bench goes on, unless the API
 * server is down: then {@link ClusterDownError} ends the bench.
 */
export async function measureStep(target: BenchTarget, label: string, step: () => Promise<StepFigures>): Promise<Outcome> {
  try {
    const before = await readServerRequests(target.observer);
    const figures = await step();
    const after = await readServerRequests(target.observer);
    target.log(`  ${label}: ${(figures.ms / 1000).toFixed(2)} s`);
    return { ...figures, server: diffCounts(after, before) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    target.log(`  ${label}: FAILED ${error}`);
    if (!(await isServerUp(target))) throw new ClusterDownError(`the API server stopped answering during "${label}" (${error})`);
    return { error };
  }
}

/** The outcome of a step not run because an earlier one failed. */
export function skipped(reason: string): Outcome {
  return { error: `not run: ${reason}` };
}

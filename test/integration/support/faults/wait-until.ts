/**
 * Polls `probe` every `intervalMs` until it returns something other than `undefined`/`false`;
 * rejects naming `what` once `timeoutMs` has passed. Every wait of the fault suite has a deadline.
 */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

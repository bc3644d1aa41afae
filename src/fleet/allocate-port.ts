import { createServer } from 'node:net';
import { FleetError } from './fleet-error.js';

/** Ports handed out by this process, so two allocations in a row never return the same one. */
const handedOut = new Set<number>();

/**
 * Returns a TCP port on 127.0.0.1 that was free a moment ago (a `listen(0)` probe). Another
 * process may still take it before it is used: callers retry with a new port when a process
 * fails to bind (see {@link isBindFailure}).
 */
export async function allocatePort(): Promise<number> {
  for (;;) {
    const port = await probe();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function probe(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err) => reject(new FleetError('FLEET_START_FAILED', `cannot probe for a free port on 127.0.0.1: ${err.message}`, { cause: err })));
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new FleetError('FLEET_START_FAILED', 'listen(0) on 127.0.0.1 returned no port'))));
    });
  });
}

/** True when a process log says it could not bind its port (so a retry on a new port may succeed). */
export function isBindFailure(log: string): boolean {
  return /address already in use|bind: address/i.test(log);
}

import { Controller, type Cluster } from '../../src/index.js';

/**
 * The syncprims controllers this process runs, one per cluster, the way each would run in a
 * pod of its cluster (`syncprims controller`): on the local fleet there is no kubelet to run
 * the controller's Deployment, so the recipes install everything but the Deployment
 * (`controller: false`) and the controller runs here instead.
 */
export class InProcessControllers {
  private readonly running = new Map<string, Controller>();
  private readonly starting: Promise<unknown>[] = [];

  /** Starts the controller of `name` (once); its start errors surface in {@link settled}. */
  start(name: string, cluster: Cluster): Controller {
    const existing = this.running.get(name);
    if (existing) return existing;
    // One replica per cluster here, so no leader election.
    const controller = new Controller({ cluster, leaderElection: false });
    this.running.set(name, controller);
    this.starting.push(controller.start());
    return controller;
  }

  /** The controller of `name`, if started. */
  get(name: string): Controller | undefined {
    return this.running.get(name);
  }

  /** Waits until every controller started so far has started (rejects with the first start error). */
  async settled(): Promise<void> {
    await Promise.all(this.starting);
  }

  /** Stops every controller (in-flight passes are aborted). */
  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((c) => c.stop()));
    this.running.clear();
  }
}

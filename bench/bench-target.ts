import type { KubectlTarget } from './kubectl-contender.js';
import type { RestEndpoint } from './rest-endpoint.js';

/** The cluster and folders one bench run works with. */
export interface BenchTarget {
  readonly kubeconfig: string;
  /** A one-socket endpoint for `/metrics` readings (never used by a contender). */
  readonly observer: RestEndpoint;
  /** Temporary folder for generated sets. */
  readonly workDir: string;
  /** A short random token, unique per bench run, in every generated name. */
  readonly token: string;
  /** Undefined when kubectl is not on PATH or was turned off. */
  readonly kubectl?: KubectlTarget;
  /** Progress lines (stderr). */
  readonly log: (line: string) => void;
  /** Anomalies worth reporting (non-zero writes on a no-op, unexpected actions, ...). */
  readonly notes: string[];
}

import { describe, expect, it } from 'vitest';
import { evaluateHealth } from '../../../src/health/index.js';
import type { KubeObject } from '../../../src/core/index.js';

/** A Pod bound to node-1, as a kubelet reports it; `status` fields override the defaults. */
function pod(status: Record<string, unknown> | null): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-5d9c7b8f6d-x2v9k', namespace: 'web', uid: 'c0ffee00-0000-4000-8000-000000000002', resourceVersion: '8812' },
    spec: {
      nodeName: 'node-1',
      restartPolicy: 'Always',
      initContainers: [{ name: 'migrate', image: 'ghcr.io/example/migrate:1.4.2' }],
      containers: [{ name: 'api', image: 'ghcr.io/example/api:1.4.2' }],
    },
    ...(status === null ? {} : { status: { hostIP: '10.0.0.11', podIP: '10.244.1.17', startTime: '2025-05-02T09:58:02Z', qosClass: 'BestEffort', ...status } }),
  };
}

const conditions = (ready: 'True' | 'False') => [
  { type: 'Initialized', status: 'True', lastTransitionTime: '2025-05-02T09:58:05Z' },
  { type: 'Ready', status: ready, lastTransitionTime: '2025-05-02T09:58:09Z', ...(ready === 'False' ? { reason: 'ContainersNotReady', message: 'containers with unready status: [api]' } : {}) },
  { type: 'ContainersReady', status: ready, lastTransitionTime: '2025-05-02T09:58:09Z' },
  { type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-05-02T09:58:02Z' },
];

const running = {
  name: 'api',
  ready: true,
  restartCount: 0,
  image: 'ghcr.io/example/api:1.4.2',
  imageID: 'ghcr.io/example/api@sha256:1f2e',
  containerID: 'containerd://9a8b',
  started: true,
  state: { running: { startedAt: '2025-05-02T09:58:08Z' } },
};

describe('Pod', () => {
  it('is Current when Running and Ready', () => {
    expect(evaluateHealth(pod({ phase: 'Running', conditions: conditions('True'), containerStatuses: [running] }))).toEqual({
      status: 'Current',
      message: 'Pod is Ready',
    });
  });

  it('is InProgress when Running but not Ready', () => {
    const health = evaluateHealth(pod({ phase: 'Running', conditions: conditions('False'), containerStatuses: [{ ...running, ready: false }] }));
    expect(health).toEqual({ status: 'InProgress', message: 'Pod is running but not Ready' });
  });

  it('is Failed when a container is in CrashLoopBackOff', () => {
    const crashing = {
      ...running,
      ready: false,
      restartCount: 5,
      started: false,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=api' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '2025-05-02T10:01:00Z', finishedAt: '2025-05-02T10:01:01Z' } },
    };
    const health = evaluateHealth(pod({ phase: 'Running', conditions: conditions('False'), containerStatuses: [crashing] }));
    expect(health).toEqual({ status: 'Failed', message: 'Containers in CrashLoopBackOff: api (CrashLoopBackOff)' });
  });

  it('is Failed when an init container crash-loops (the pod stays Pending)', () => {
    const health = evaluateHealth(
      pod({
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized' }, { type: 'PodScheduled', status: 'True' }],
        initContainerStatuses: [{ name: 'migrate', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
        containerStatuses: [{ name: 'api', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      }),
    );
    expect(health.status).toBe('Failed');
    expect(health.message).toContain('migrate (CrashLoopBackOff)');
  });

  it('is InProgress (as in kstatus) on image pull errors, naming the reason', () => {
    const health = evaluateHealth(
      pod({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
        initContainerStatuses: [{ name: 'migrate', ready: true, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
        containerStatuses: [
          {
            name: 'api',
            ready: false,
            restartCount: 0,
            image: 'ghcr.io/example/api:1.4.3',
            state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "ghcr.io/example/api:1.4.3"' } },
          },
        ],
      }),
    );
    expect(health).toEqual({ status: 'InProgress', message: 'Pod is Pending (waiting: api (ImagePullBackOff))' });
  });

  it('is InProgress when unschedulable, with the scheduler message', () => {
    const health = evaluateHealth(
      pod({
        phase: 'Pending',
        startTime: undefined,
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available: 3 Insufficient cpu.',
          },
        ],
      }),
    );
    expect(health).toEqual({ status: 'InProgress', message: 'Pod not scheduled: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.' });
  });

  it('is Current when Succeeded', () => {
    const done = { name: 'api', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    expect(evaluateHealth(pod({ phase: 'Succeeded', containerStatuses: [done] })).status).toBe('Current');
  });

  it('is Failed (stricter than kstatus) when the phase is Failed, naming exit codes', () => {
    const oom = { name: 'api', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } };
    expect(evaluateHealth(pod({ phase: 'Failed', containerStatuses: [oom] }))).toEqual({ status: 'Failed', message: 'Pod failed (api exited 137)' });
    const evicted = pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' });
    expect(evaluateHealth(evicted)).toEqual({ status: 'Failed', message: 'Pod failed: Evicted: The node was low on resource: memory.' });
  });

  it('is InProgress before the kubelet reports a phase', () => {
    expect(evaluateHealth(pod(null))).toEqual({ status: 'InProgress', message: 'Pod phase not available' });
    expect(evaluateHealth(pod({ phase: 'Unknown' })).message).toBe('Pod phase is Unknown');
  });
});

/** A Job with 1 completion and backoffLimit 2. */
function job(status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'db-migrate', namespace: 'web', generation: 1, labels: { 'app.kubernetes.io/name': 'migrate' } },
    spec: { backoffLimit: 2, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'ghcr.io/example/migrate:1.4.2' }] } }, ...spec },
    status,
  };
}

describe('Job', () => {
  it('is Current when Complete', () => {
    const complete = job({
      startTime: '2025-05-02T10:00:00Z',
      completionTime: '2025-05-02T10:00:20Z',
      succeeded: 1,
      ready: 0,
      terminating: 0,
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached' },
        { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      ],
    });
    expect(evaluateHealth(complete)).toEqual({ status: 'Current', message: 'Job completed. Succeeded: 1/1' });
  });

  it('is Failed when the Failed condition is True', () => {
    const failedJob = job({
      startTime: '2025-05-02T10:00:00Z',
      failed: 3,
      conditions: [
        { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
        { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
      ],
    });
    expect(evaluateHealth(failedJob)).toEqual({
      status: 'Failed',
      message: 'Job failed (BackoffLimitExceeded: Job has reached the specified backoff limit). Failed pods: 3',
    });
  });

  it('is InProgress while running (stricter than kstatus, which says Current once started)', () => {
    expect(evaluateHealth(job({ startTime: '2025-05-02T10:00:00Z', active: 1, failed: 1 }))).toEqual({
      status: 'InProgress',
      message: 'Job running. Succeeded: 0/1, active: 1, failed: 1',
    });
  });

  it('is InProgress before it starts', () => {
    expect(evaluateHealth(job({}))).toEqual({ status: 'InProgress', message: 'Job not started' });
  });

  it('is Current when suspended', () => {
    const suspended = job({ conditions: [{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' }] }, { suspend: true });
    expect(evaluateHealth(suspended)).toEqual({ status: 'Current', message: 'Job is suspended' });
  });

  it('ignores conditions that are not True', () => {
    const resumed = job({ startTime: '2025-05-02T10:00:00Z', active: 1, conditions: [{ type: 'Suspended', status: 'False', reason: 'JobResumed' }] });
    expect(evaluateHealth(resumed).status).toBe('InProgress');
  });
});

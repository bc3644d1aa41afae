import { describe, expect, it } from 'vitest';
import { evaluateHealth } from '../../../src/health/index.js';
import type { KubeObject } from '../../../src/core/index.js';

const podTemplate = {
  metadata: { labels: { app: 'api' } },
  spec: { containers: [{ name: 'api', image: 'ghcr.io/example/api:1.4.2', ports: [{ containerPort: 8080 }] }] },
};

/** A Deployment as the API server returns it after a finished rollout of 3 replicas. */
function deployment(overrides: { spec?: Record<string, unknown>; status?: Record<string, unknown> | null; generation?: number } = {}): KubeObject {
  const status = {
    observedGeneration: 2,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
        lastUpdateTime: '2025-05-02T09:58:12Z',
        lastTransitionTime: '2025-05-02T09:58:12Z',
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: 'ReplicaSet "api-5d9c7b8f6d" has successfully progressed.',
        lastUpdateTime: '2025-05-02T09:58:40Z',
        lastTransitionTime: '2025-05-02T09:58:01Z',
      },
    ],
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'web', generation: overrides.generation ?? 2, uid: 'b1c2d3e4-0000-4000-8000-000000000001', resourceVersion: '7731' },
    spec: {
      replicas: 3,
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'api' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: podTemplate,
      ...overrides.spec,
    },
    ...(overrides.status === null ? {} : { status: { ...status, ...overrides.status } }),
  };
}

describe('Deployment', () => {
  it('is Current after a finished rollout', () => {
    expect(evaluateHealth(deployment())).toEqual({ status: 'Current', message: 'Deployment is available. Replicas: 3' });
  });

  it('is InProgress right after creation (no status yet)', () => {
    expect(evaluateHealth(deployment({ status: null, generation: 1 }))).toEqual({ status: 'InProgress', message: 'Replicas: 0/3' });
  });

  it('is InProgress while the controller has not observed the new generation', () => {
    expect(evaluateHealth(deployment({ generation: 3 })).message).toBe('Deployment generation is 3, but latest observed generation is 2');
  });

  it('is InProgress while replicas are updated, old pods terminate, pods become available and ready', () => {
    expect(evaluateHealth(deployment({ status: { replicas: 4, updatedReplicas: 2 } })).message).toBe('Updated: 2/3');
    expect(evaluateHealth(deployment({ status: { replicas: 4 } })).message).toBe('Pending termination: 1');
    expect(evaluateHealth(deployment({ status: { availableReplicas: 2, readyReplicas: 2 } })).message).toBe('Available: 2/3');
    expect(evaluateHealth(deployment({ spec: { minReadySeconds: 0 }, status: { readyReplicas: 2 } })).message).toBe('Ready: 2/3');
  });

  it('is InProgress until Progressing says NewReplicaSetAvailable', () => {
    const rolling = deployment({
      status: {
        conditions: [
          { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
          { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "api-7f8b9c" is progressing.' },
        ],
      },
    });
    expect(evaluateHealth(rolling)).toEqual({ status: 'InProgress', message: 'ReplicaSet not Available' });
  });

  it('is InProgress when Available is False', () => {
    const unavailable = deployment({
      status: {
        conditions: [
          { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
          { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
        ],
      },
    });
    expect(evaluateHealth(unavailable)).toEqual({ status: 'InProgress', message: 'Deployment not Available' });
  });

  it('is Failed when the progress deadline is exceeded', () => {
    const stuck = deployment({
      status: {
        updatedReplicas: 1,
        readyReplicas: 2,
        availableReplicas: 2,
        unavailableReplicas: 1,
        conditions: [
          { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "api-7f8b9c" has timed out progressing.',
          },
        ],
      },
    });
    expect(evaluateHealth(stuck)).toEqual({
      status: 'Failed',
      message: 'Progress deadline exceeded: ReplicaSet "api-7f8b9c" has timed out progressing.',
    });
  });

  it('does not need the Progressing condition when no progress deadline is set', () => {
    const noDeadline = deployment({
      spec: { progressDeadlineSeconds: undefined },
      status: { conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] },
    });
    expect(evaluateHealth(noDeadline).status).toBe('Current');
  });

  it('is Current when scaled to zero and settled', () => {
    const zero = deployment({ spec: { replicas: 0 }, status: { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 } });
    expect(evaluateHealth(zero).status).toBe('Current');
  });

  it('uses the same rule for extensions/v1beta1', () => {
    const legacy = { ...deployment({ status: { readyReplicas: 1 } }), apiVersion: 'extensions/v1beta1' };
    expect(evaluateHealth(legacy).message).toBe('Ready: 1/3');
  });
});

/** A StatefulSet of 3 replicas, fully rolled out at revision web-6b9f7c. */
function statefulSet(spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'shop', generation: 4 },
    spec: {
      replicas: 3,
      serviceName: 'web',
      podManagementPolicy: 'OrderedReady',
      selector: { matchLabels: { app: 'web' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      template: podTemplate,
      ...spec,
    },
    status: {
      observedGeneration: 4,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      currentRevision: 'web-6b9f7c',
      updateRevision: 'web-6b9f7c',
      collisionCount: 0,
      ...status,
    },
  };
}

describe('StatefulSet', () => {
  it('is Current when every replica is ready and updated', () => {
    const noPartition = statefulSet({ updateStrategy: { type: 'RollingUpdate' } });
    expect(evaluateHealth(noPartition)).toEqual({ status: 'Current', message: 'All replicas scheduled as expected. Replicas: 3' });
  });

  it('is InProgress while replicas are missing or not ready', () => {
    expect(evaluateHealth(statefulSet({}, { replicas: 2, readyReplicas: 2 })).message).toBe('Replicas: 2/3');
    expect(evaluateHealth(statefulSet({}, { readyReplicas: 2 })).message).toBe('Ready: 2/3');
    expect(evaluateHealth(statefulSet({ replicas: 2 }, {})).message).toBe('Pending termination: 1');
  });

  it('is InProgress while a rolling update has not reached the update revision', () => {
    const rolling = statefulSet(
      { updateStrategy: { type: 'RollingUpdate' } },
      { currentReplicas: 3, updatedReplicas: 1, updateRevision: 'web-84d2aa' },
    );
    expect(evaluateHealth(rolling)).toEqual({ status: 'InProgress', message: 'Waiting for revision web-84d2aa (current: web-6b9f7c)' });
    const lessCurrent = statefulSet({ updateStrategy: { type: 'RollingUpdate' } }, { currentReplicas: 2 });
    expect(evaluateHealth(lessCurrent).message).toBe('Current: 2/3');
  });

  it('with a partition, is Current once the pods at or above the partition are updated', () => {
    const partitioned = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } };
    const pending = statefulSet({ updateStrategy: partitioned }, { currentReplicas: 3, updatedReplicas: 0, updateRevision: 'web-84d2aa' });
    expect(evaluateHealth(pending)).toEqual({ status: 'InProgress', message: 'Partitioned rollout: updated 0/1' });
    const done = statefulSet({ updateStrategy: partitioned }, { currentReplicas: 2, updatedReplicas: 1, updateRevision: 'web-84d2aa' });
    expect(evaluateHealth(done)).toEqual({ status: 'Current', message: 'Partitioned rollout complete. Updated: 1' });
  });

  it('is Current with the OnDelete strategy even when revisions differ', () => {
    const onDelete = statefulSet({ updateStrategy: { type: 'OnDelete' } }, { updateRevision: 'web-84d2aa', updatedReplicas: 0 });
    expect(evaluateHealth(onDelete).status).toBe('Current');
  });
});

/** A DaemonSet on 3 nodes, rolled out. */
function daemonSet(status: Record<string, unknown> | null): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-exporter', namespace: 'monitoring', generation: 1 },
    spec: { selector: { matchLabels: { app: 'node-exporter' } }, template: podTemplate, updateStrategy: { type: 'RollingUpdate' } },
    ...(status === null
      ? {}
      : {
          status: {
            observedGeneration: 1,
            currentNumberScheduled: 3,
            desiredNumberScheduled: 3,
            numberMisscheduled: 0,
            numberReady: 3,
            numberAvailable: 3,
            updatedNumberScheduled: 3,
            ...status,
          },
        }),
  };
}

describe('DaemonSet', () => {
  it('is Current when every node runs an updated, ready pod', () => {
    expect(evaluateHealth(daemonSet({}))).toEqual({ status: 'Current', message: 'All replicas scheduled as expected. Replicas: 3' });
  });

  it('is InProgress until the controller has observed it', () => {
    expect(evaluateHealth(daemonSet(null)).message).toBe('DaemonSet status.observedGeneration not found');
    expect(evaluateHealth(daemonSet({ desiredNumberScheduled: undefined })).message).toBe('Missing status.desiredNumberScheduled');
  });

  it('is InProgress while pods are scheduled, updated, available and ready', () => {
    expect(evaluateHealth(daemonSet({ currentNumberScheduled: 2 })).message).toBe('Current: 2/3');
    expect(evaluateHealth(daemonSet({ updatedNumberScheduled: 1 })).message).toBe('Updated: 1/3');
    expect(evaluateHealth(daemonSet({ numberAvailable: 2, numberUnavailable: 1 })).message).toBe('Available: 2/3');
    expect(evaluateHealth(daemonSet({ numberReady: 2 })).message).toBe('Ready: 2/3');
  });
});

/** A ReplicaSet of 2 replicas, as owned by a Deployment. */
function replicaSet(status: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'api-5d9c7b8f6d', namespace: 'web', generation: 1, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: 'x', controller: true }] },
    spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: podTemplate },
    status: { observedGeneration: 1, replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, ...status },
  };
}

describe('ReplicaSet', () => {
  it('is Current when all replicas are available', () => {
    expect(evaluateHealth(replicaSet({}))).toEqual({ status: 'Current', message: 'ReplicaSet is available. Replicas: 2' });
  });

  it('is InProgress (not Failed) on ReplicaFailure, as in kstatus', () => {
    const quota = replicaSet({
      replicas: 1,
      conditions: [
        {
          type: 'ReplicaFailure',
          status: 'True',
          reason: 'FailedCreate',
          message: 'pods "api-5d9c7b8f6d-x" is forbidden: exceeded quota: compute',
        },
      ],
    });
    expect(evaluateHealth(quota)).toEqual({
      status: 'InProgress',
      message: 'Replica failure: FailedCreate: pods "api-5d9c7b8f6d-x" is forbidden: exceeded quota: compute',
    });
  });

  it('is InProgress while replicas are labelled, available, ready, or extra ones terminate', () => {
    expect(evaluateHealth(replicaSet({ fullyLabeledReplicas: 1 })).message).toBe('Labelled: 1/2');
    expect(evaluateHealth(replicaSet({ availableReplicas: 1 })).message).toBe('Available: 1/2');
    expect(evaluateHealth(replicaSet({ readyReplicas: 1 })).message).toBe('Ready: 1/2');
    expect(evaluateHealth(replicaSet({ replicas: 3 })).message).toBe('Pending termination: 1');
  });
});

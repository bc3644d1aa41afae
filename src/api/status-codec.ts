import type * as t from 'io-ts';
import type { Agree, Expect } from './schema-codec.js';
import { objectField, optional, required, withDefault } from './object-field.js';
import { arrayField } from './array-field.js';
import { enumField, integerField, stringField } from './leaf-fields.js';
import { CONDITION_MESSAGE_MAX, CONDITION_REASON_PATTERN, type Condition, type ProxySyncStatus, type SyncStatus } from './status.js';

const CONDITION_TYPE_PATTERN =
  '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$';

const conditionField = objectField(
  {
    type: required(stringField({ description: 'The condition type: Ready, Reconciling or Stalled.', pattern: CONDITION_TYPE_PATTERN, patternHint: 'must be a CamelCase condition type', maxLength: 316 })),
    status: required(enumField(['True', 'False', 'Unknown'] as const, 'True, False or Unknown.')),
    observedGeneration: optional(integerField({ description: 'The metadata.generation this condition was computed for.', minimum: 0 })),
    lastTransitionTime: required(stringField({ description: 'When the status last changed.', format: 'date-time' })),
    reason: required(stringField({ description: 'A CamelCase reason.', pattern: CONDITION_REASON_PATTERN, patternHint: 'must be a CamelCase reason', minLength: 1, maxLength: 1024 })),
    message: withDefault(stringField({ description: 'One line for humans.', maxLength: CONDITION_MESSAGE_MAX }), ''),
  },
  { description: 'A status condition (metav1.Condition).' },
);

const inventoryField = objectField(
  {
    entries: withDefault(
      arrayField(
        objectField(
          {
            id: required(stringField({ description: 'group_kind_namespace_name', minLength: 1 })),
            v: required(stringField({ description: 'The version the object was applied at.', minLength: 1 })),
          },
          { description: 'One applied object.' },
        ),
        { description: 'The applied objects.' },
      ),
      [],
    ),
  },
  { description: 'The objects applied by the last successful reconcile.' },
);

const revision = (description: string) => withDefault(stringField({ description }), '');

const syncStatusProps = {
  observedGeneration: withDefault(integerField({ description: 'The metadata.generation this status was computed for.', minimum: 0 }), 0),
  conditions: withDefault(
    arrayField(conditionField, { description: 'kstatus conditions: Ready, Reconciling, Stalled.', mapKeys: ['type'] }),
    [],
  ),
  inventory: withDefault(inventoryField, {}),
  lastAppliedRevision: revision('The revision (digest of the desired set) last applied successfully.'),
  lastAttemptedRevision: revision('The revision last tried.'),
  lastHandledRequestedAt: optional(stringField({ description: 'The value of the syncprims.dev/requestedAt annotation last handled.' })),
  message: withDefault(stringField({ description: 'One line for humans about the last reconcile.' }), ''),
};

/** The `status` of a Sync or RemoteSync: codec and schema. */
export const syncStatusField = objectField(syncStatusProps, {
  description: 'The observed state, written by the controller.',
});

/** The `status` of a ProxySync: codec and schema. */
export const proxySyncStatusField = objectField(
  {
    ...syncStatusProps,
    remoteObservedGeneration: withDefault(integerField({ description: "The remote Sync's status.observedGeneration when last seen.", minimum: 0 }), 0),
    lastSeenTime: optional(stringField({ description: 'When the remote Sync was last read successfully.', format: 'date-time' })),
    remote: optional(
      objectField(
        {
          cluster: required(stringField({ description: 'The remote cluster.' })),
          namespace: required(stringField({ description: 'The remote Sync namespace.' })),
          name: required(stringField({ description: 'The remote Sync name.' })),
        },
        { description: 'The remote Sync.' },
      ),
    ),
  },
  { description: 'The remote Sync status, mirrored, and what the management side saw.' },
);

/**
 * io-ts codec of a Sync or RemoteSync `status`, for reading one from a cluster (e.g. the remote
 * Sync a ProxySync watches): absent fields get their defaults.
 */
export const SyncStatusCodec: t.Type<SyncStatus, unknown, unknown> = syncStatusField.codec;

/** io-ts codec of a ProxySync `status`. */
export const ProxySyncStatusCodec: t.Type<ProxySyncStatus, unknown, unknown> = proxySyncStatusField.codec;

type _ConditionAgrees = Expect<Agree<Condition, typeof conditionField.codec._A>>;
type _SyncStatusAgrees = Expect<Agree<SyncStatus, typeof syncStatusField.codec._A>>;
type _ProxySyncStatusAgrees = Expect<Agree<ProxySyncStatus, typeof proxySyncStatusField.codec._A>>;

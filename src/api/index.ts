export { GROUP, VERSION, API_VERSION, KINDS, PLURALS, isSyncKind, type SyncKind } from './group.js';
export { REQUESTED_AT_ANNOTATION } from './annotations.js';
export {
  DurationFromString,
  parseDuration,
  formatDuration,
  DURATION_PATTERN,
  POSITIVE_DURATION_PATTERN,
} from './duration.js';
export type { SyncSource, ConfigMapRef } from './sync-source.js';
export type { DependencyRef } from './dependency-ref.js';
export type { KubeConfigRef, SecretKeyRef } from './kube-config-ref.js';
export { SyncSpecCodec, type SyncSpec, type SyncSpecJson, type DeletionPolicy } from './sync-spec.js';
export { RemoteSyncSpecCodec, type RemoteSyncSpec, type RemoteSyncSpecJson } from './remote-sync-spec.js';
export {
  ProxySyncSpecCodec,
  type ProxySyncSpec,
  type ProxySyncSpecJson,
  type SyncTemplate,
  type SyncTemplateJson,
  type TemplateMetadata,
} from './proxy-sync-spec.js';
export {
  ConditionTypes,
  CONDITION_REASON_PATTERN,
  CONDITION_MESSAGE_MAX,
  readyCondition,
  reconcilingCondition,
  stalledCondition,
  setCondition,
  removeCondition,
  findCondition,
  isReadyAtGeneration,
  formatConditionTime,
  type Condition,
  type ConditionStatus,
  type ConditionUpdate,
  type ConditionDetails,
  type SyncStatus,
  type ProxySyncStatus,
  type RemoteSyncRef,
  type StatusInventory,
  type StatusInventoryEntry,
} from './status.js';
export { SyncStatusCodec, ProxySyncStatusCodec } from './status-codec.js';
export { statusInventoryEntryOf, refOfStatusInventoryEntry } from './status-inventory.js';
export type { DecodeIssue, DecodeFailure } from './decode-failure.js';
export { decodeSpec, type SpecOf, type DecodedSpec, type DecodeSpecResult } from './decode-spec.js';
export { decodeStatus, type StatusOf, type DecodeStatusResult } from './decode-status.js';
export { syncprimsCrds, syncprimsCrd } from './crds.js';
export {
  DEFAULT_CONTROLLER_IMAGE,
  DEFAULT_CONTROLLER_NAMESPACE,
  resolveInstallOptions,
  type InstallOptions,
  type ResolvedInstallOptions,
} from './install-options.js';
export { buildInstallManifests } from './install-manifests.js';
export { buildRbacManifests } from './rbac-manifests.js';
export { buildControllerManifests } from './controller-manifests.js';

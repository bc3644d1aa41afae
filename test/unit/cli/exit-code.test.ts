import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeOf, exitCodeOfError } from '../../../src/cli/index.js';
import { ApplyError, BlockedError, ClusterAccessError, KubeconfigError, OptionsError, ReadinessError, SyncError, ValidationError, type SyncResult, type SyncState } from '../../../src/index.js';

function result(state: SyncState, error?: SyncError): SyncResult {
  return { name: 'app', ready: state === 'ready', state, changes: [], revision: '', message: state, durationMs: 1, ...(error ? { error } : {}) };
}

describe('exit codes', () => {
  it('maps ready and planned to 0', () => {
    expect(exitCodeOf(result('ready'))).toBe(0);
    expect(exitCodeOf(result('planned'))).toBe(0);
  });

  it('maps failed, timeout and blocked to 1', () => {
    expect(exitCodeOf(result('failed', new ApplyError('APPLY_FAILED', 'refused')))).toBe(1);
    expect(exitCodeOf(result('timeout', new ReadinessError('TIMEOUT', 'slow', { retryable: true })))).toBe(1);
    expect(exitCodeOf(result('blocked', new BlockedError('BLOCKED', 'blocked by crds')))).toBe(1);
    expect(exitCodeOf(result('failed', new ClusterAccessError('UNREACHABLE', 'down', { retryable: true })))).toBe(1);
    expect(exitCodeOf(result('failed'))).toBe(1);
  });

  it.each(['INVALID_MANIFEST', 'INVALID_NAME', 'DUPLICATE_OBJECT', 'MISSING_NAMESPACE', 'UNKNOWN_KIND', 'INVALID_OPTIONS'])('maps a failed pass with %s to 2', (code) => {
    expect(exitCodeOf(result('failed', new SyncError(code, 'bad')))).toBe(2);
  });

  it('maps any ValidationError to 2, whatever its code', () => {
    expect(exitCodeOf(result('failed', new ValidationError('SOMETHING_NEW', 'bad')))).toBe(2);
  });

  it('maps thrown errors: bad input 2, anything else 1', () => {
    expect(exitCodeOfError(new OptionsError('bad flag'))).toBe(ExitCode.BadInput);
    expect(exitCodeOfError(new KubeconfigError('KUBECONFIG_INVALID', 'no kubeconfig'))).toBe(ExitCode.BadInput);
    expect(exitCodeOfError(new KubeconfigError('KUBECONFIG_NOT_ALLOWED', 'exec'))).toBe(ExitCode.Failed);
    expect(exitCodeOfError(new Error('bug'))).toBe(ExitCode.Failed);
  });

  it('has the documented values', () => {
    expect(ExitCode).toEqual({ Ok: 0, Failed: 1, BadInput: 2, Interrupted: 130 });
  });
});

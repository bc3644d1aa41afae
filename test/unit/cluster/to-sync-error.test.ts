import { describe, expect, it } from 'vitest';
import { ClusterAccessError, SyncError } from '../../../src/core/sync-error.js';
import { apiStatusOf, statusToSyncError, toSyncError } from '../../../src/cluster/to-sync-error.js';

const cm = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'app' };

// Status bodies as a 1.20 kube-apiserver sends them.
const forbidden = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'configmaps "app" is forbidden: User "restricted" cannot get resource "configmaps" in API group "" in the namespace "default"',
  reason: 'Forbidden',
  details: { name: 'app', kind: 'configmaps' },
  code: 403,
};
const applyConflict = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.key',
  reason: 'Conflict',
  details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using v1', field: '.data.key' }] },
  code: 409,
};
const versionConflict = {
  kind: 'Status',
  status: 'Failure',
  message: 'Operation cannot be fulfilled on configmaps "app": the object has been modified; please apply your changes to the latest version and try again',
  reason: 'Conflict',
  details: { name: 'app', kind: 'configmaps' },
  code: 409,
};
const immutable = {
  kind: 'Status',
  status: 'Failure',
  message: 'Service "web" is invalid: spec.clusterIP: Invalid value: "10.0.0.9": field is immutable',
  reason: 'Invalid',
  details: { name: 'web', kind: 'Service', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "10.0.0.9": field is immutable', field: 'spec.clusterIP' }] },
  code: 422,
};
const invalid = {
  kind: 'Status',
  status: 'Failure',
  message: 'ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of ...',
  reason: 'Invalid',
  details: { name: 'Bad_Name', kind: 'ConfigMap', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value', field: 'metadata.name' }] },
  code: 422,
};

describe('statusToSyncError', () => {
  it('maps 401 to UNAUTHORIZED, not retryable, naming the server', () => {
    const err = statusToSyncError(401, { kind: 'Status', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }, { verb: 'get', ref: cm, server: '127.0.0.1:6443' });
    expect(err).toBeInstanceOf(ClusterAccessError);
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('127.0.0.1:6443');
    expect(err.ref).toEqual(cm);
  });

  it('maps 403 to FORBIDDEN with the verb and resource from the server message', () => {
    const err = statusToSyncError(403, forbidden, { verb: 'get', ref: cm });
    expect(err).toBeInstanceOf(ClusterAccessError);
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toContain('cannot get resource "configmaps"');
    expect(err.message).toContain('get ConfigMap default/app');
  });

  it('maps 404 to NOT_FOUND and keeps the Status as cause', () => {
    const body = { kind: 'Status', message: 'configmaps "app" not found', reason: 'NotFound', details: { name: 'app', kind: 'configmaps' }, code: 404 };
    const err = statusToSyncError(404, body, { verb: 'get', ref: cm });
    expect(err.code).toBe('NOT_FOUND');
    expect(apiStatusOf(err)).toMatchObject({ code: 404, reason: 'NotFound', details: { name: 'app' } });
  });

  it('tells AlreadyExists, field-manager conflicts and version conflicts apart', () => {
    const exists = statusToSyncError(409, { kind: 'Status', message: 'configmaps "app" already exists', reason: 'AlreadyExists', code: 409 }, { verb: 'create', ref: cm });
    expect(exists.code).toBe('ALREADY_EXISTS');
    expect(exists.retryable).toBe(false);

    const conflict = statusToSyncError(409, applyConflict, { verb: 'apply', ref: cm, apply: true });
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.retryable).toBe(false);
    expect(conflict.message).toContain('"kubectl-edit"');
    expect(conflict.message).toContain('.data.key');

    const version = statusToSyncError(409, versionConflict, { verb: 'update', ref: cm });
    expect(version.code).toBe('CONFLICT_VERSION');
    expect(version.retryable).toBe(true);
    // An optimistic-concurrency conflict during an apply (resourceVersion in the body) is not a field conflict.
    expect(statusToSyncError(409, versionConflict, { verb: 'apply', ref: cm, apply: true }).code).toBe('CONFLICT_VERSION');
  });

  it('maps 410 to GONE (retryable)', () => {
    const err = statusToSyncError(410, { kind: 'Status', message: 'too old resource version: 1 (2)', reason: 'Expired', code: 410 }, { verb: 'watch' });
    expect(err.code).toBe('GONE');
    expect(err.retryable).toBe(true);
  });

  it('maps 422 to IMMUTABLE_FIELD or INVALID with the fields', () => {
    const imm = statusToSyncError(422, immutable, { verb: 'apply', ref: { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'web' } });
    expect(imm.code).toBe('IMMUTABLE_FIELD');
    expect(imm.message).toContain('spec.clusterIP');
    const inv = statusToSyncError(422, invalid, { verb: 'apply' });
    expect(inv.code).toBe('INVALID');
    expect(inv.message).toContain('metadata.name');
  });

  it('marks 429, 5xx and server timeouts retryable API_ERRORs and others not', () => {
    expect(statusToSyncError(429, { kind: 'Status', message: 'Too many requests', reason: 'TooManyRequests', code: 429 }).retryable).toBe(true);
    expect(statusToSyncError(500, { kind: 'Status', message: 'etcdserver: request timed out', reason: 'InternalError', code: 500 }).retryable).toBe(true);
    expect(statusToSyncError(504, { kind: 'Status', message: 'Timeout: request did not complete', reason: 'Timeout', code: 504 }).retryable).toBe(true);
    const bad = statusToSyncError(400, { kind: 'Status', message: 'metadata.managedFields must be nil', reason: 'BadRequest', code: 400 });
    expect(bad.code).toBe('API_ERROR');
    expect(bad.retryable).toBe(false);
    expect(bad.message).toContain('metadata.managedFields must be nil');
  });

  it('never copies a non-Status body into the message', () => {
    const err = statusToSyncError(503, '<html>upstream secret-token-123 proxy error</html>', { verb: 'get', ref: cm });
    expect(err.code).toBe('API_ERROR');
    expect(err.retryable).toBe(true);
    expect(err.message).not.toContain('secret-token-123');
    expect(err.message).toContain('HTTP 503');
  });
});

describe('toSyncError', () => {
  it('passes SyncErrors through', () => {
    const original = new SyncError('TIMEOUT', 'slow', { retryable: true });
    expect(toSyncError(original)).toBe(original);
  });

  it('maps a client-node ApiException (string body) without its dump of headers and body', () => {
    const body = JSON.stringify(forbidden);
    const apiException = Object.assign(new Error(`HTTP-Code: 403\nMessage: Unknown API Status Code!\nBody: ${body}\nHeaders: {"authorization":"Bearer abc"}`), {
      code: 403,
      body,
      headers: { authorization: 'Bearer abc' },
    });
    const err = toSyncError(apiException, cm);
    expect(err.code).toBe('FORBIDDEN');
    expect(err.ref).toEqual(cm);
    expect(err.message).not.toContain('Bearer');
    expect(err.message).not.toContain('HTTP-Code');
  });

  it('maps client-node discovery failures to UNKNOWN_KIND', () => {
    const e1 = Object.assign(new Error('Failed to fetch resource metadata for example.com/v1/Widget: HTTP-Code: 404\nMessage: ...'), { code: 404, body: '404 page not found' });
    expect(toSyncError(e1).code).toBe('UNKNOWN_KIND');
    expect(toSyncError(e1).message).toContain('example.com/v1/Widget');
    expect(toSyncError(new Error('Unrecognized API version and kind: v9 Thing')).code).toBe('UNKNOWN_KIND');
  });

  it('maps network failures to UNREACHABLE with host:port, and certificate errors to TLS', () => {
    const refused = Object.assign(new Error('request to https://127.0.0.1:1/api/v1/namespaces failed, reason: connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const err = toSyncError(refused);
    expect(err).toBeInstanceOf(ClusterAccessError);
    expect(err.code).toBe('UNREACHABLE');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('127.0.0.1:1');
    expect(err.message).toContain('unreachable');

    const nested = new TypeError('fetch failed', { cause: Object.assign(new Error('connect EHOSTUNREACH 10.9.9.9:6443'), { code: 'EHOSTUNREACH' }) });
    expect(toSyncError(nested).code).toBe('UNREACHABLE');

    const tls = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const tlsErr = toSyncError(tls);
    expect(tlsErr.code).toBe('TLS');
    expect(tlsErr.retryable).toBe(false);
  });

  it('wraps anything else as a non-retryable API_ERROR', () => {
    const err = toSyncError(new Error('boom'));
    expect(err.code).toBe('API_ERROR');
    expect(err.retryable).toBe(false);
  });
});

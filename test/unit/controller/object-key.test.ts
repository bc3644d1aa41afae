import { describe, it, expect } from 'vitest';
import { formatObjectKey, parseObjectKey } from '../../../src/controller/object-key.js';

describe('object keys', () => {
  it('round-trips', () => {
    const key = formatObjectKey('RemoteSync', 'fleet', 'edge-1');
    expect(key).toBe('RemoteSync/fleet/edge-1');
    expect(parseObjectKey(key)).toEqual({ kind: 'RemoteSync', namespace: 'fleet', name: 'edge-1' });
  });
  it('refuses malformed keys and unknown kinds', () => {
    expect(parseObjectKey('Deployment/ns/x')).toBeUndefined();
    expect(parseObjectKey('Sync/ns')).toBeUndefined();
    expect(parseObjectKey('Sync/ns/x/y')).toBeUndefined();
  });
});

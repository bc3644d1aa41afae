import { describe, it, expect } from 'vitest';
import { DependencyIndex } from '../../../src/controller/dependency-index.js';

describe('DependencyIndex', () => {
  it('answers dependents of a dependency and dependencies of a dependent', () => {
    const index = new DependencyIndex();
    index.set('Sync/ns/app', ['Sync/ns/crds', 'RemoteSync/ns/edge']);
    index.set('Sync/ns/web', ['Sync/ns/crds']);
    expect(index.dependentsOf('Sync/ns/crds').sort()).toEqual(['Sync/ns/app', 'Sync/ns/web']);
    expect(index.dependentsOf('RemoteSync/ns/edge')).toEqual(['Sync/ns/app']);
    expect(index.dependenciesOf('Sync/ns/app')).toEqual(['Sync/ns/crds', 'RemoteSync/ns/edge']);
  });

  it('replaces edges on set and forgets them on remove', () => {
    const index = new DependencyIndex();
    index.set('a', ['b', 'c', 'b']);
    expect(index.dependenciesOf('a')).toEqual(['b', 'c']);
    index.set('a', ['d']);
    expect(index.dependentsOf('b')).toEqual([]);
    expect(index.dependentsOf('d')).toEqual(['a']);
    index.remove('a');
    expect(index.dependentsOf('d')).toEqual([]);
    expect(index.dependenciesOf('a')).toEqual([]);
  });
});

import { expect } from 'chai';
import { ComparisonCache } from '../../../src/comparison/comparisonCache.js';

describe('ComparisonCache', () => {
  it('returns an entry only while its fingerprint is unchanged', () => {
    const cache = new ComparisonCache<string>(4);
    cache.set('a', 'v1', 'computed on v1');
    expect(cache.get('a', 'v1')).to.equal('computed on v1');
    expect(cache.get('a', 'v2')).to.equal(undefined);
    expect(cache.get('b', 'v1')).to.equal(undefined);
  });

  it('replaces an entry computed again on new data', () => {
    const cache = new ComparisonCache<string>(4);
    cache.set('a', 'v1', 'old');
    cache.set('a', 'v2', 'new');
    expect(cache.get('a', 'v2')).to.equal('new');
    expect(cache.get('a', 'v1')).to.equal(undefined);
  });

  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new ComparisonCache<number>(2);
    cache.set('a', 'f', 1);
    cache.set('b', 'f', 2);
    expect(cache.get('a', 'f')).to.equal(1); // a is now more recent than b
    cache.set('c', 'f', 3);
    expect(cache.get('b', 'f')).to.equal(undefined);
    expect(cache.get('a', 'f')).to.equal(1);
    expect(cache.get('c', 'f')).to.equal(3);
  });
});

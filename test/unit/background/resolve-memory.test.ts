import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../src/background/resolve-memory';

const img = (n: number) => ({ bytes: new ArrayBuffer(n), contentType: 'image/png' });

describe('MemoryCache', () => {
  it('keeps within its bytes, least recently used out, a read counting as a use', () => {
    const m = new MemoryCache(100);
    m.set('a', img(40));
    m.set('b', img(40));
    expect(m.get('a')).toBeDefined();
    m.set('c', img(40));
    expect([m.get('a'), m.get('b'), m.get('c')].map(Boolean)).toEqual([true, false, true]);
    expect(m.size).toBe(80);
  });

  it('replaces an entry without counting it twice, refuses one larger than itself, and clears', () => {
    const m = new MemoryCache(100);
    m.set('a', img(60));
    m.set('a', img(50));
    expect(m.size).toBe(50);
    m.set('huge', img(101));
    expect(m.get('huge')).toBeUndefined();
    expect(m.get('a')).toBeDefined();
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get('a')).toBeUndefined();
  });
});

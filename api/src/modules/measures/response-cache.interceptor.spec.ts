import { ResponseCache } from './response-cache.interceptor';

describe('ResponseCache', () => {
  it('keeps answers by key on one snapshot file, and forgets them all when the file changes', () => {
    const cache = new ResponseCache(100);
    cache.set('snapshot-1', 'icb:QHM\u0000/api/x', '{"a":1}');
    expect(cache.get('snapshot-1', 'icb:QHM\u0000/api/x')).toBe('{"a":1}');
    // Another scope, same URL: nothing.
    expect(cache.get('snapshot-1', 'admin:\u0000/api/x')).toBeUndefined();
    // A refresh: the old file's answers are not served, and setting one on the new file drops them.
    expect(cache.get('snapshot-2', 'icb:QHM\u0000/api/x')).toBeUndefined();
    cache.set('snapshot-2', 'k', '{}');
    expect(cache.size).toBe(1);
    expect(cache.get('snapshot-1', 'icb:QHM\u0000/api/x')).toBeUndefined();
  });

  it('drops the least recently used answers past the bound, and keeps none longer than a tenth of it', () => {
    // Bound 100 characters: ten answers of 10 fill it; reading a makes b the oldest; k (10) makes 110 > 100, so b goes.
    const cache = new ResponseCache(100);
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    for (const key of keys) cache.set('file', key, key.repeat(10));
    expect(cache.get('file', 'a')).toBe('aaaaaaaaaa');
    cache.set('file', 'k', 'k'.repeat(10));
    expect(cache.get('file', 'b')).toBeUndefined();
    expect([...keys.slice(2), 'a', 'k'].map((key) => cache.get('file', key)?.length)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    // 11 characters is more than a tenth of 100: not kept, and nothing else goes for it.
    cache.set('file', 'long', 'x'.repeat(11));
    expect([cache.get('file', 'long'), cache.size]).toEqual([undefined, 10]);
  });
});

import { QueryResultCache } from './query-result-cache';

type Row = { n: number };
const rowsOf = (count: number): Row[] => Array.from({ length: count }, (_, n) => ({ n }));

describe('QueryResultCache', () => {
  it('loads each key once, and shares one load between callers asking at the same time', async () => {
    const cache = new QueryResultCache<Row>(10);
    let loads = 0;
    const load = async () => {
      loads++;
      return rowsOf(2);
    };
    const [a, b] = await Promise.all([cache.get('q', load), cache.get('q', load)]);
    const c = await cache.get('q', load);
    expect(loads).toBe(1);
    expect(a).toEqual([{ n: 0 }, { n: 1 }]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(Object.isFrozen(a[0])).toBe(true);
  });

  it('drops the least recently used answers when the rows exceed the bound, and keeps no answer bigger than it', async () => {
    // Bound 5 rows: a (2) + b (2) = 4; reading a makes b the oldest; c (2) makes 6 > 5, so b goes: a + c = 4 rows.
    const cache = new QueryResultCache<Row>(5);
    await cache.get('a', async () => rowsOf(2));
    await cache.get('b', async () => rowsOf(2));
    await cache.get('a', async () => rowsOf(99));
    await cache.get('c', async () => rowsOf(2));
    expect([cache.size, cache.cachedRows]).toEqual([2, 4]);
    let reloaded = 0;
    await cache.get('b', async () => {
      reloaded++;
      return rowsOf(2);
    });
    expect(reloaded).toBe(1);
    // b back in (6 rows) evicts a, the oldest now: c + b = 4 rows. A 6-row answer is served but not kept.
    expect([cache.size, cache.cachedRows]).toEqual([2, 4]);
    expect(await cache.get('big', async () => rowsOf(6))).toHaveLength(6);
    expect([cache.size, cache.cachedRows]).toEqual([2, 4]);
  });

  it('keeps no failed load: the next caller tries again', async () => {
    const cache = new QueryResultCache<Row>(5);
    await expect(cache.get('q', async () => Promise.reject(new Error('no snapshot')))).rejects.toThrow('no snapshot');
    await expect(cache.get('q', async () => rowsOf(1))).resolves.toEqual([{ n: 0 }]);
  });
});

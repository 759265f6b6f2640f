/**
 * Results of read queries on one immutable snapshot file, least recently used first out, bounded by
 * their total row count. Identical queries asked while one runs share its answer (a page of the
 * dashboard asks many users the same questions at once). Keys name the snapshot file, so a refresh
 * never serves old figures; values are the bound parameters, which already carry the user's scope.
 */
export class QueryResultCache<Row extends object> {
  private readonly done = new Map<string, readonly Row[]>();
  private readonly running = new Map<string, Promise<readonly Row[]>>();
  private rows = 0;

  constructor(readonly maxRows: number) {}

  get size(): number {
    return this.done.size;
  }

  get cachedRows(): number {
    return this.rows;
  }

  async get(key: string, load: () => Promise<Row[]>): Promise<readonly Row[]> {
    const hit = this.done.get(key);
    if (hit) {
      this.done.delete(key);
      this.done.set(key, hit);
      return hit;
    }
    const pending = this.running.get(key);
    if (pending) return pending;
    const loading = load().then((rows) => {
      // Frozen: every caller shares these rows, so none may change them.
      const result = Object.freeze(rows.map((row) => Object.freeze(row)));
      this.remember(key, result);
      return result;
    });
    this.running.set(key, loading);
    try {
      return await loading;
    } finally {
      this.running.delete(key);
    }
  }

  clear(): void {
    this.done.clear();
    this.rows = 0;
  }

  private remember(key: string, result: readonly Row[]): void {
    // An answer bigger than the whole cache is not kept (it would evict everything else).
    if (result.length > this.maxRows) return;
    this.done.set(key, result);
    this.rows += result.length;
    for (const [oldest, rows] of this.done) {
      if (this.rows <= this.maxRows) break;
      this.done.delete(oldest);
      this.rows -= rows.length;
    }
  }
}

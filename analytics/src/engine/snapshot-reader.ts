import { DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk, type DuckDBPreparedStatement, type DuckDBValue } from '@duckdb/node-api';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT_POINTER, readSnapshotPointer, type SnapshotPointer } from './snapshot-store';

/** A plain row of a query result in JSON form (DATE as `YYYY-MM-DD`, DOUBLE as number, BIGINT as a decimal string). */
export type SnapshotRow = Record<string, string | number | boolean | null>;

/** A connection kept open for queries, with the statements it has prepared (by SQL text). */
interface PooledConnection {
  connection: DuckDBConnection;
  prepared: Map<string, DuckDBPreparedStatement>;
}

interface OpenSnapshot {
  pointer: SnapshotPointer;
  path: string;
  instance: DuckDBInstance;
  active: number;
  retired: boolean;
  /** Every pooled connection, and those free now; queries past the pool's size wait in `waiting`. */
  pool: PooledConnection[];
  idle: PooledConnection[];
  waiting: ((pooled: PooledConnection) => void)[];
}

/**
 * Queries running at once on one snapshot. Connecting and preparing cost more than most of the
 * dashboard's queries, so a few connections are kept with their prepared statements; more would
 * only queue inside DuckDB (two cores, libuv's four threads).
 */
export const SNAPSHOT_POOL_SIZE = 4;

/**
 * Reads the serving snapshot of a store directory: opens it READ_ONLY through the instance cache,
 * queries on a small pool of connections that keep their prepared statements, and moves to the new
 * file when `current.json` changes (queries already running finish on the old one, which is then closed).
 */
export class SnapshotReader {
  private open: OpenSnapshot | undefined;
  private pointerStamp = '';
  private checkedThisTurn = false;
  private opening: Promise<OpenSnapshot | undefined> | undefined;

  constructor(readonly snapshotDir: string) {}

  /** The pointer of the serving snapshot (re-read when it changed), or undefined if none is published. */
  async current(): Promise<SnapshotPointer | undefined> {
    return (await this.acquire())?.pointer;
  }

  /** Looks at `current.json` again on the next call, even within this turn of the event loop: for a process that has just moved it. */
  recheckPointer(): void {
    this.checkedThisTurn = false;
  }

  /** Absolute path of the serving snapshot file, or undefined. */
  async currentPath(): Promise<string | undefined> {
    return (await this.acquire())?.path;
  }

  /** Runs one read query (SQL from analytics/src/sql, values bound) as a statement prepared once per pooled connection. */
  async query(sql: string, values?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<SnapshotRow[]> {
    return this.withStatement(sql, values, async (statement) => (await statement.runAndReadAll()).getRowObjectsJson() as SnapshotRow[]);
  }

  /**
   * Runs one read query and hands over its chunks as DuckDB gives them (typed vectors of at most 2,048 rows, no row
   * objects), letting other work run between chunks: for answers of millions of numbers, where turning them into
   * objects at once would hold the event loop for seconds and cost ten times the memory and the time.
   */
  async scanChunks(sql: string, values: DuckDBValue[] | Record<string, DuckDBValue> | undefined, onChunk: (chunk: DuckDBDataChunk) => void): Promise<void> {
    await this.withStatement(sql, values, async (statement) => {
      const result = await statement.stream();
      for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        onChunk(chunk);
        // Let other requests' work run between chunks (a load of millions of rows takes seconds).
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
  }

  /** Lends `use` the statement for `sql` on a pooled connection of the serving snapshot, with `values` bound. */
  private async withStatement<T>(
    sql: string,
    values: DuckDBValue[] | Record<string, DuckDBValue> | undefined,
    use: (statement: DuckDBPreparedStatement) => Promise<T>,
  ): Promise<T> {
    const snapshot = await this.acquire();
    if (!snapshot) throw new Error(`no analytics snapshot has been built yet in ${this.snapshotDir} (run pcsp refresh)`);
    snapshot.active++;
    let pooled: PooledConnection | undefined;
    try {
      pooled = await this.take(snapshot);
      let statement = pooled.prepared.get(sql);
      if (!statement) {
        statement = await pooled.connection.prepare(sql);
        pooled.prepared.set(sql, statement);
      }
      statement.clearBindings();
      if (values !== undefined) statement.bind(values);
      return await use(statement);
    } finally {
      if (pooled) this.give(snapshot, pooled);
      snapshot.active--;
      if (snapshot.retired && snapshot.active === 0) this.shut(snapshot);
    }
  }

  private async take(snapshot: OpenSnapshot): Promise<PooledConnection> {
    const idle = snapshot.idle.pop();
    if (idle) return idle;
    if (snapshot.pool.length < SNAPSHOT_POOL_SIZE) {
      // Counted before the await, so that concurrent callers cannot open more than the pool's size.
      const pooled: PooledConnection = { connection: undefined as unknown as DuckDBConnection, prepared: new Map() };
      snapshot.pool.push(pooled);
      try {
        pooled.connection = await snapshot.instance.connect();
      } catch (error) {
        snapshot.pool.splice(snapshot.pool.indexOf(pooled), 1);
        throw error;
      }
      return pooled;
    }
    return new Promise((resolve) => snapshot.waiting.push(resolve));
  }

  private give(snapshot: OpenSnapshot, pooled: PooledConnection): void {
    const next = snapshot.waiting.shift();
    if (next) next(pooled);
    else snapshot.idle.push(pooled);
  }

  private shut(snapshot: OpenSnapshot): void {
    for (const pooled of snapshot.pool) {
      for (const statement of pooled.prepared.values()) statement.destroySync();
      pooled.connection?.closeSync();
    }
    snapshot.pool = [];
    snapshot.idle = [];
    snapshot.instance.closeSync();
  }

  /** Runs `work` with a connection of its own on the serving snapshot; throws if none is published. */
  async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const snapshot = await this.acquire();
    if (!snapshot) throw new Error(`no analytics snapshot has been built yet in ${this.snapshotDir} (run pcsp refresh)`);
    snapshot.active++;
    const connection = await snapshot.instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
      snapshot.active--;
      if (snapshot.retired && snapshot.active === 0) this.shut(snapshot);
    }
  }

  /** Closes the open snapshot once its running queries finish. */
  close(): void {
    if (this.open) this.retire(this.open);
    this.open = undefined;
    this.pointerStamp = '';
  }

  private retire(snapshot: OpenSnapshot): void {
    snapshot.retired = true;
    if (snapshot.active === 0) this.shut(snapshot);
  }

  private stamp(): string {
    try {
      const s = statSync(join(this.snapshotDir, CURRENT_POINTER));
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return '';
    }
  }

  private async acquire(): Promise<OpenSnapshot | undefined> {
    // The pointer is looked at once per turn of the event loop: a request asks for the snapshot a dozen times over,
    // and a refresh published during one turn is served from the next.
    if (this.open && this.checkedThisTurn) return this.open;
    const stamp = this.stamp();
    this.checkedThisTurn = true;
    setImmediate(() => (this.checkedThisTurn = false));
    if (stamp === this.pointerStamp && this.open) return this.open;
    if (this.opening) return this.opening;
    const opening = this.openPointer(stamp);
    this.opening = opening;
    try {
      return await opening;
    } finally {
      if (this.opening === opening) this.opening = undefined;
    }
  }

  private async openPointer(stamp: string): Promise<OpenSnapshot | undefined> {
    const pointer = readSnapshotPointer(this.snapshotDir);
    if (!pointer) return undefined;
    const path = join(this.snapshotDir, pointer.file);
    if (this.open && this.open.path === path) {
      this.open.pointer = pointer;
    } else {
      const instance = await DuckDBInstance.fromCache(path, { access_mode: 'READ_ONLY' });
      if (this.open) this.retire(this.open);
      this.open = { pointer, path, instance, active: 0, retired: false, pool: [], idle: [], waiting: [] };
    }
    this.pointerStamp = stamp;
    return this.open;
  }
}

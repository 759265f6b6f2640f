import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT_POINTER, readSnapshotPointer, type SnapshotPointer } from './snapshot-store';

/** A plain row of a query result in JSON form (DATE as `YYYY-MM-DD`, DOUBLE as number, BIGINT as a decimal string). */
export type SnapshotRow = Record<string, string | number | boolean | null>;

interface OpenSnapshot {
  pointer: SnapshotPointer;
  path: string;
  instance: DuckDBInstance;
  active: number;
  retired: boolean;
}

/**
 * Reads the serving snapshot of a store directory: opens it READ_ONLY through the instance cache,
 * one connection per concurrent query, and moves to the new file when `current.json` changes
 * (queries already running finish on the old one, which is then closed).
 */
export class SnapshotReader {
  private open: OpenSnapshot | undefined;
  private pointerStamp = '';
  private opening: Promise<OpenSnapshot | undefined> | undefined;

  constructor(readonly snapshotDir: string) {}

  /** The pointer of the serving snapshot (re-read when it changed), or undefined if none is published. */
  async current(): Promise<SnapshotPointer | undefined> {
    return (await this.acquire())?.pointer;
  }

  /** Absolute path of the serving snapshot file, or undefined. */
  async currentPath(): Promise<string | undefined> {
    return (await this.acquire())?.path;
  }

  /** Runs one read query (SQL from analytics/src/sql, values bound) on its own connection. */
  async query(sql: string, values?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<SnapshotRow[]> {
    return this.withConnection(async (connection) => {
      const reader = await connection.runAndReadAll(sql, values);
      return reader.getRowObjectsJson() as SnapshotRow[];
    });
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
      if (snapshot.retired && snapshot.active === 0) snapshot.instance.closeSync();
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
    if (snapshot.active === 0) snapshot.instance.closeSync();
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
    const stamp = this.stamp();
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
      this.open = { pointer, path, instance, active: 0, retired: false };
    }
    this.pointerStamp = stamp;
    return this.open;
  }
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { countRowsSql, duckdbCopyInSql, postgresCopyOutSql, POSTGRES_COPY_SESSION_SQL, TABLE_SIZES_SQL } from '../sql/record-copy.sql';
import { RECORD_TABLE_NAMES, type RecordTableName } from '../sql/record-tables.sql';

/** Options of the Postgres → DuckDB copy. */
export interface PostgresCopyOptions {
  /** Directory for the temporary CSV files (default: the OS temp directory). */
  tmpDir?: string;
  /** Postgres connections streaming at once (default 2). */
  parallel?: number;
  log?: (message: string) => void;
}

/** Rows and timing of one copy. */
export interface PostgresCopyReport {
  rows: Record<RecordTableName, number>;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
}

async function copyOut(pgUrl: string, table: RecordTableName, file: string): Promise<void> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(POSTGRES_COPY_SESSION_SQL);
    await pipeline(client.query(copyTo(postgresCopyOutSql(table))), createWriteStream(file, { highWaterMark: 1 << 20 }));
  } catch (error) {
    throw new Error(`copying ${table} out of Postgres failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    await client.end();
  }
}

/**
 * The record tables, the largest first (by the planner's row estimates), so that the connections
 * stream the big tables side by side and the last to finish is a small one.
 */
async function largestFirst(pgUrl: string): Promise<RecordTableName[]> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: RecordTableName; rows: string }>(TABLE_SIZES_SQL, [RECORD_TABLE_NAMES]);
    const size = new Map(rows.map((r) => [r.table, Number(r.rows)]));
    return [...RECORD_TABLE_NAMES].sort((a, b) => (size.get(b) ?? 0) - (size.get(a) ?? 0));
  } finally {
    await client.end();
  }
}

/**
 * Copies every record table out of Postgres (`COPY (SELECT …) TO STDOUT`, CSV, streamed to temporary
 * files, several tables at once) into the same tables of `connection`, which must exist
 * (CREATE_RECORD_TABLES_SQL); DuckDB loads each file while Postgres streams the next.
 */
export async function copyRecordsFromPostgres(
  pgUrl: string,
  connection: DuckDBConnection,
  options: PostgresCopyOptions = {},
): Promise<PostgresCopyReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(options.tmpDir ?? tmpdir(), 'pcsp-copy-'));
  const rows = {} as Record<RecordTableName, number>;
  try {
    const queue = await largestFirst(pgUrl);
    const files = new Map<RecordTableName, Promise<string>>();
    const start = (table: RecordTableName) => {
      const file = join(dir, `${table}.csv`);
      files.set(table, copyOut(pgUrl, table, file).then(() => file));
    };
    const parallel = Math.max(1, options.parallel ?? 2);
    let next = 0;
    for (; next < Math.min(parallel, queue.length); next++) start(queue[next]);
    // Keep every promise handled: a failing copy is reported when its turn comes.
    for (const p of files.values()) p.catch(() => undefined);
    for (const table of queue) {
      const file = await (files.get(table) as Promise<string>);
      if (next < queue.length) {
        start(queue[next]);
        files.get(queue[next])?.catch(() => undefined);
        next++;
      }
      const t = Date.now();
      await connection.run(duckdbCopyInSql(table, file));
      const count = (await connection.runAndReadAll(countRowsSql(table))).getRows()[0][0];
      rows[table] = Number(count);
      log(`${table}: ${rows[table]} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB, loaded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = (Date.now() - started) / 1000;
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  return { rows, totalRows, seconds, rowsPerSecond: seconds > 0 ? totalRows / seconds : totalRows };
}

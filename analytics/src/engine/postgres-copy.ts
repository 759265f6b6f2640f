import type { DuckDBConnection } from '@duckdb/node-api';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import {
  anyBackslashSql,
  countRowsSql,
  duckdbCopyInSql,
  emptyRecordTableSql,
  postgresCopyOutSql,
  recordColumnTypesSql,
  TABLE_SIZES_SQL,
  type RecordCopyFormat,
} from '../sql/record-copy.sql';
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

async function copyOut(
  pgUrl: string,
  table: RecordTableName,
  file: string,
  format: RecordCopyFormat,
  types: ReadonlyMap<string, string>,
): Promise<void> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await pipeline(client.query(copyTo(postgresCopyOutSql(table, format, types))), createWriteStream(file, { highWaterMark: 1 << 20 }));
  } catch (error) {
    throw new Error(`copying ${table} out of Postgres failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    await client.end();
  }
}

/** Whether a table loaded from Postgres's text format holds a string Postgres escaped (see RecordCopyFormat). */
async function holdsEscapedValues(connection: DuckDBConnection, table: RecordTableName, types: ReadonlyMap<string, string>): Promise<boolean> {
  const stringColumns = [...types].filter(([, type]) => type === 'VARCHAR').map(([column]) => column);
  return (await connection.runAndReadAll(anyBackslashSql(table, stringColumns))).getRows()[0][0] === true;
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
 * Copies the columns the engine reads (ENGINE_RECORD_COLUMNS) of every record table out of Postgres
 * (`COPY (SELECT …) TO STDOUT` in Postgres's text format, dates as day numbers, streamed to temporary files, several tables at once) into
 * the same tables of `connection`, which must exist (CREATE_RECORD_TABLES_SQL); DuckDB loads each file while Postgres
 * streams the next. A table with an escaped value is copied again as CSV (see RecordCopyFormat).
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
    // Each table's engine columns with their DuckDB types, which say how each travels and is read.
    const columnTypes = new Map<RecordTableName, ReadonlyMap<string, string>>();
    for (const table of RECORD_TABLE_NAMES) {
      const found = (await connection.runAndReadAll(recordColumnTypesSql(table))).getRows();
      columnTypes.set(table, new Map(found.map(([column, type]) => [String(column), String(type)])));
    }
    const typesOf = (table: RecordTableName) => columnTypes.get(table) as ReadonlyMap<string, string>;
    const queue = await largestFirst(pgUrl);
    const files = new Map<RecordTableName, Promise<string>>();
    const start = (table: RecordTableName) => {
      const file = join(dir, `${table}.txt`);
      files.set(table, copyOut(pgUrl, table, file, 'text', typesOf(table)).then(() => file));
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
      const types = typesOf(table);
      await connection.run(duckdbCopyInSql(table, file, 'text', types));
      rmSync(file, { force: true });
      if (await holdsEscapedValues(connection, table, types)) {
        log(`${table}: a string holds a backslash, tab or line break, which the text format escapes; copying it again as CSV`);
        const csvFile = join(dir, `${table}.csv`);
        await connection.run(emptyRecordTableSql(table));
        await copyOut(pgUrl, table, csvFile, 'csv', types);
        await connection.run(duckdbCopyInSql(table, csvFile, 'csv', types));
        rmSync(csvFile, { force: true });
      }
      const count = (await connection.runAndReadAll(countRowsSql(table))).getRows()[0][0];
      rows[table] = Number(count);
      log(`${table}: ${rows[table]} rows loaded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = (Date.now() - started) / 1000;
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  return { rows, totalRows, seconds, rowsPerSecond: seconds > 0 ? totalRows / seconds : totalRows };
}

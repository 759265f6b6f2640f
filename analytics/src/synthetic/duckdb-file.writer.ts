import type { DuckDBConnection } from '@duckdb/node-api';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CREATE_RECORD_TABLES_SQL } from '../sql/record-tables.sql';
import {
  CURRENT_DATABASE_SQL,
  DETACH_OUTPUT_SQL,
  USE_OUTPUT_SQL,
  attachOutputSql,
  copyRecordTablesSql,
  useDatabaseSql,
} from '../sql/synthetic-output.sql';

/** Writes the record tables on the connection into a new DuckDB file at path (replacing any file there). */
export async function writeDuckDbFile(connection: DuckDBConnection, path: string): Promise<void> {
  const target = resolve(path);
  await rm(target, { force: true });
  await rm(`${target}.wal`, { force: true });
  const source = String((await connection.runAndReadAll(CURRENT_DATABASE_SQL)).getRows()[0][0]);
  await connection.run(attachOutputSql(target));
  try {
    await connection.run(USE_OUTPUT_SQL);
    await connection.run(CREATE_RECORD_TABLES_SQL);
    await connection.run(useDatabaseSql(source));
    await connection.run(copyRecordTablesSql(source));
  } finally {
    await connection.run(useDatabaseSql(source));
    await connection.run(DETACH_OUTPUT_SQL);
  }
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { insertRecordRowsSql, type RecordRow } from '../sql/record-rows.sql';
import type { RecordTableName } from '../sql/record-tables.sql';

/** Inserts plain rows into record tables created with CREATE_RECORD_TABLES_SQL (tests and fixtures). */
export async function insertRecordRows(
  connection: DuckDBConnection,
  tables: Partial<Record<RecordTableName, readonly RecordRow[]>>,
): Promise<void> {
  for (const [table, rows] of Object.entries(tables) as [RecordTableName, readonly RecordRow[]][]) {
    if (rows.length > 0) await connection.run(insertRecordRowsSql(table, rows));
  }
}

import { RECORD_TABLE_COLUMNS, type RecordTableName } from './record-tables.sql';
import { sqlString } from './snapshot-results.sql';

/** One record-table row as plain values (dates as `YYYY-MM-DD` strings); missing columns are NULL. */
export type RecordRow = Readonly<Record<string, string | number | boolean | null | undefined>>;

function literal(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return sqlString(value);
}

/** One INSERT of literal rows into a record table (tests, fixtures and small loads; columns checked). */
export function insertRecordRowsSql(table: RecordTableName, rows: readonly RecordRow[]): string {
  const columns = RECORD_TABLE_COLUMNS[table];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!columns.includes(key)) throw new Error(`${table} has no column ${key}`);
    }
  }
  const values = rows.map((row) => `(${columns.map((c) => literal(row[c])).join(', ')})`).join(',\n');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES\n${values};`;
}

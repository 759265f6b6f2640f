import { ENGINE_RECORD_COLUMNS, RECORD_TABLE_COLUMNS, type RecordTableName } from './record-tables.sql';
import { sqlString } from './snapshot-results.sql';

/**
 * How a record table travels from Postgres to DuckDB. `text` is Postgres's own COPY format (tab-separated, NULL as
 * `\N`), which Postgres writes about a quarter faster than CSV (it quotes no field), and DuckDB reads as tab-separated
 * values as long as no value was escaped: Postgres escapes only with a backslash, so a table whose strings hold no
 * backslash after the load was read exactly, and one whose strings do is copied again as `csv`.
 */
export type RecordCopyFormat = 'text' | 'csv';

/** Postgres side: the COPY that streams a record table's engine columns (ENGINE_RECORD_COLUMNS) out. */
export function postgresCopyOutSql(table: RecordTableName, format: RecordCopyFormat): string {
  const columns = ENGINE_RECORD_COLUMNS[table].map((c) => `"${c}"`).join(', ');
  return `COPY (SELECT ${columns} FROM "${table}") TO STDOUT WITH (FORMAT ${format})`;
}

/** Postgres side: the planner's row estimate of each of the tables $1 (a relation's pages, when never analysed). */
export const TABLE_SIZES_SQL = `
SELECT c.relname AS "table", greatest(c.reltuples, c.relpages)::bigint AS rows
FROM pg_class c WHERE c.relname = ANY($1::text[]) AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`;

/** Postgres session settings that make the copy what DuckDB reads (ISO dates). */
export const POSTGRES_COPY_SESSION_SQL = "SET DateStyle TO 'ISO, YMD'";

/**
 * DuckDB side: loads such a file into the record table's engine columns, the table's declared types applied (no type
 * sniffing). In CSV Postgres writes NULL unquoted and '' quoted, so quoted stays a string; in text NULL is `\N` and
 * '' an empty field.
 */
export function duckdbCopyInSql(table: RecordTableName, file: string, format: RecordCopyFormat): string {
  const columns = ENGINE_RECORD_COLUMNS[table].join(', ');
  const options =
    format === 'text'
      ? "DELIMITER '\\t', QUOTE '', ESCAPE '', NULLSTR '\\N'"
      : `ALLOW_QUOTED_NULLS false, DELIMITER ',', QUOTE '"', ESCAPE '"'`;
  return `COPY ${table} (${columns}) FROM ${sqlString(file)} (FORMAT csv, HEADER false, AUTO_DETECT false, ${options})`;
}

/** DuckDB side: the record table's string columns among those copied. */
export function recordStringColumnsSql(table: RecordTableName): string {
  return `SELECT column_name FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = current_schema() AND table_name = ${sqlString(table)}
  AND data_type = 'VARCHAR' AND list_contains([${ENGINE_RECORD_COLUMNS[table].map(sqlString).join(', ')}], column_name)`;
}

/** DuckDB side: whether any of the given string columns holds a backslash, the mark of a value Postgres escaped in text. */
export function anyBackslashSql(table: RecordTableName, stringColumns: readonly string[]): string {
  const conditions = stringColumns.map((c) => `contains(${c}, '\\')`).join(' OR ');
  return `SELECT ${stringColumns.length === 0 ? 'false' : `EXISTS (SELECT 1 FROM ${table} WHERE ${conditions})`} AS escaped`;
}

/** DuckDB side: empties a record table, to load it again. */
export function emptyRecordTableSql(table: RecordTableName): string {
  return `DELETE FROM ${table}`;
}

/** Row count of a record table. */
export function countRowsSql(table: RecordTableName): string {
  return `SELECT count(*) AS n FROM ${table}`;
}

/** DuckDB side of the benchmark's Postgres load: a record table as header-less CSV in column order. */
export function duckdbCopyOutSql(table: RecordTableName, csvFile: string): string {
  return `COPY (SELECT ${RECORD_TABLE_COLUMNS[table].join(', ')} FROM ${table}) TO ${sqlString(csvFile)} (FORMAT csv, HEADER false)`;
}

/** Postgres side of the benchmark's load: COPY FROM STDIN of such a CSV. */
export function postgresCopyInSql(table: RecordTableName): string {
  return `COPY "${table}" (${RECORD_TABLE_COLUMNS[table].map((c) => `"${c}"`).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
}

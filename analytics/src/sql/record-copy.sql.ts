import { RECORD_TABLE_COLUMNS, type RecordTableName } from './record-tables.sql';
import { sqlString } from './snapshot-results.sql';

/** Postgres side: the COPY that streams a record table out as CSV, columns in RECORD_TABLE_COLUMNS order. */
export function postgresCopyOutSql(table: RecordTableName): string {
  const columns = RECORD_TABLE_COLUMNS[table].map((c) => `"${c}"`).join(', ');
  return `COPY (SELECT ${columns} FROM "${table}") TO STDOUT WITH (FORMAT csv)`;
}

/** Postgres side: the planner's row estimate of each of the tables $1 (a relation's pages, when never analysed). */
export const TABLE_SIZES_SQL = `
SELECT c.relname AS "table", greatest(c.reltuples, c.relpages)::bigint AS rows
FROM pg_class c WHERE c.relname = ANY($1::text[]) AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`;

/** Postgres session settings that make the CSV what DuckDB reads (ISO dates). */
export const POSTGRES_COPY_SESSION_SQL = "SET DateStyle TO 'ISO, YMD'";

/**
 * DuckDB side: loads such a CSV into the record table, the table's declared column types
 * applied (no type sniffing); Postgres writes NULL unquoted and '' quoted, so quoted stays a string.
 */
export function duckdbCopyInSql(table: RecordTableName, csvFile: string): string {
  const columns = RECORD_TABLE_COLUMNS[table].join(', ');
  return `COPY ${table} (${columns}) FROM ${sqlString(csvFile)}
  (FORMAT csv, HEADER false, AUTO_DETECT false, ALLOW_QUOTED_NULLS false, DELIMITER ',', QUOTE '"', ESCAPE '"')`;
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

import { ENGINE_RECORD_COLUMNS, RECORD_TABLE_COLUMNS, type RecordTableName } from './record-tables.sql';
import { sqlString } from './snapshot-results.sql';

/**
 * How a record table travels from Postgres to DuckDB. `text` is Postgres's own COPY format (tab-separated, NULL as
 * `\N`), which Postgres writes about a quarter faster than CSV (it quotes no field), and DuckDB reads as tab-separated
 * values as long as no value was escaped: Postgres escapes only with a backslash, so a table whose strings hold no
 * backslash after the load was read exactly, and one whose strings do is copied again as `csv`.
 */
export type RecordCopyFormat = 'text' | 'csv';

/** The day of day number 0, as which dates travel from Postgres to DuckDB. */
const DAY_ZERO = "DATE '1970-01-01'";

/** A record table's engine column with its DuckDB type (`types`, from recordColumnTypesSql); throws if it has none. */
function columnType(table: RecordTableName, column: string, types: ReadonlyMap<string, string>): string {
  const type = types.get(column);
  if (type === undefined) throw new Error(`${table}.${column}: no such column in DuckDB`);
  return type;
}

/**
 * Postgres side: the COPY that streams a record table's engine columns (ENGINE_RECORD_COLUMNS) out, its dates (the
 * columns DuckDB types DATE; `types` as for duckdbCopyInSql) as day numbers, days since 1970-01-01: Postgres writes an
 * integer faster than a date.
 */
export function postgresCopyOutSql(table: RecordTableName, format: RecordCopyFormat, types: ReadonlyMap<string, string>): string {
  const columns = ENGINE_RECORD_COLUMNS[table]
    .map((c) => (columnType(table, c, types) === 'DATE' ? `"${c}" - ${DAY_ZERO}` : `"${c}"`))
    .join(', ');
  return `COPY (SELECT ${columns} FROM "${table}") TO STDOUT WITH (FORMAT ${format})`;
}

/** Postgres side: the planner's row estimate of each of the tables $1 (a relation's pages, when never analysed). */
export const TABLE_SIZES_SQL = `
SELECT c.relname AS "table", greatest(c.reltuples, c.relpages)::bigint AS rows
FROM pg_class c WHERE c.relname = ANY($1::text[]) AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`;

/** DuckDB side: each engine column of a record table with its DuckDB type (`column_name`, `data_type`), in table order. */
export function recordColumnTypesSql(table: RecordTableName): string {
  return `SELECT column_name, data_type FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = current_schema() AND table_name = ${sqlString(table)}
  AND list_contains([${ENGINE_RECORD_COLUMNS[table].map(sqlString).join(', ')}], column_name)
ORDER BY column_index`;
}

/**
 * DuckDB side: loads such a file into the record table's engine columns, read with the table's declared types (no type
 * sniffing) and its dates as day numbers. In CSV Postgres writes NULL unquoted and '' quoted, so quoted stays a string;
 * in text NULL is `\N` and '' an empty field. `types` maps each engine column to its DuckDB type (recordColumnTypesSql).
 */
export function duckdbCopyInSql(table: RecordTableName, file: string, format: RecordCopyFormat, types: ReadonlyMap<string, string>): string {
  const columns = ENGINE_RECORD_COLUMNS[table];
  const isDate = (c: string) => columnType(table, c, types) === 'DATE';
  const read = columns.map((c) => `${sqlString(c)}: ${sqlString(isDate(c) ? 'INTEGER' : columnType(table, c, types))}`).join(', ');
  const values = columns.map((c) => (isDate(c) ? `${DAY_ZERO} + ${c}` : c)).join(', ');
  const options =
    format === 'text'
      ? "delim = '\\t', quote = '', escape = '', nullstr = '\\N'"
      : `allow_quoted_nulls = false, delim = ',', quote = '"', escape = '"'`;
  return `INSERT INTO ${table} (${columns.join(', ')})
SELECT ${values}
FROM read_csv(${sqlString(file)}, columns = {${read}}, header = false, auto_detect = false, ${options})`;
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

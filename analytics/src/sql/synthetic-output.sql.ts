import { RECORD_TABLE_NAMES } from './record-tables.sql';

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

export const CURRENT_DATABASE_SQL = `SELECT current_database()`;

/** Attaches a new DuckDB file as `synthetic_out`. */
export const attachOutputSql = (path: string): string => `ATTACH ${quote(path)} AS synthetic_out`;

export const USE_OUTPUT_SQL = `USE synthetic_out`;

/** Copies every record table from `source` into the attached output, rows ordered by id. */
export const copyRecordTablesSql = (source: string): string =>
  RECORD_TABLE_NAMES.map(
    (table) =>
      `INSERT INTO synthetic_out.main.${table} SELECT * FROM "${source.replaceAll('"', '""')}".main.${table} ORDER BY ${
        table === 'organisations' ? 'level, code' : 'id'
      };`,
  ).join('\n');

export const useDatabaseSql = (name: string): string => `USE "${name.replaceAll('"', '""')}"`;

export const DETACH_OUTPUT_SQL = `DETACH synthetic_out`;

export const CHECKPOINT_SQL = `CHECKPOINT`;

/** DuckDB settings for a large generation: spill to `directory` rather than fail. */
export const spillSettingsSql = (directory: string): string =>
  `SET temp_directory = ${quote(directory)}; SET preserve_insertion_order = true;`;

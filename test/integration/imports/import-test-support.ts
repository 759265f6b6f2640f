import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_TABLE_NAMES } from '@pcsp/analytics';
import type { DataSource } from 'typeorm';
import { openTempDir } from '../../support/cli';

export const GOOD_EXTRACT = join(__dirname, '../../fixtures/extracts/good');
/** A key for tests only (at least 32 characters, as the configuration requires). */
export const TEST_KEY = 'test-pseudonym-key-0123456789abcdef0123456789abcdef';
/** Every test imports as of this day: later dates are in the future. */
export const TODAY = '2026-01-31';

/** Every record table the engine copies, and the snapshot state an import marks stale. */
export const RECORD_TABLES = [...RECORD_TABLE_NAMES, 'snapshot_state'] as const;

/** Every row of every record table with its xmin (the transaction that last wrote it), in key order. */
export async function tableContents(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const contents: Record<string, unknown[]> = {};
  for (const table of RECORD_TABLES) {
    contents[table] = await dataSource.query(`SELECT xmin::text AS xmin, t.* FROM ${table} t ORDER BY 2`);
  }
  return contents;
}

/** Table contents without what differs between two databases that store the same rows (xmin, the time records changed). */
export const withoutXmin = (contents: Record<string, unknown[]>): Record<string, unknown[]> =>
  Object.fromEntries(
    Object.entries(contents).map(([table, rows]) => [
      table,
      rows.map((row) => {
        const { xmin: _xmin, records_changed_at: _changed, ...rest } = row as Record<string, unknown>;
        return rest;
      }),
    ]),
  );

export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of RECORD_TABLES) {
    const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[];
    counts[table] = row.n;
  }
  return counts;
}

export const readGood = (file: string): string => readFileSync(join(GOOD_EXTRACT, file), 'utf8');

/** A folder holding the given files (name → content: text, or bytes), removed by removeTempDirs. */
export function extractFolder(files: Record<string, string | Buffer>, prefix = 'pcsp-import-'): string {
  const dir = openTempDir(prefix);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The good extract's files, with some replaced or left out (undefined). */
export function goodWith(changes: Record<string, string | Buffer | undefined> = {}): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = {};
  for (const name of readdirSync(GOOD_EXTRACT)) files[name] = readGood(name);
  for (const [name, content] of Object.entries(changes)) {
    if (content === undefined) delete files[name];
    else files[name] = content;
  }
  return files;
}

export interface IssueRow {
  severity: string;
  file: string;
  line: number | null;
  column: string | null;
  value: string | null;
  rule: string;
}

export async function issuesOf(dataSource: DataSource, jobId: string): Promise<IssueRow[]> {
  return (await dataSource.query(
    `SELECT severity, file, line, "column", value, rule FROM import_issues WHERE job_id = $1 ORDER BY id`,
    [jobId],
  )) as IssueRow[];
}

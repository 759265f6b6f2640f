import type { ImportIssueItem } from '../../contract/data-quality.contract';
import { findImportJob, poolOf, type ImportDatabase, type ImportJobRecord } from './extract-import';

export interface ImportIssuePage {
  /** Issues stored for the job (each file keeps its first 1,000 of each severity; the job's counts include the rest). */
  total: number;
  offset: number;
  limit: number;
  items: ImportIssueItem[];
}

export interface ImportIssueQuery {
  severity?: 'error' | 'warning';
  file?: string;
  offset?: number;
  limit?: number;
}

/** One page of a job's stored issues, in file order then line order. */
export async function listImportIssues(database: ImportDatabase, jobId: string, query: ImportIssueQuery = {}): Promise<ImportIssuePage> {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 100;
  const { rows } = await poolOf(database).query<ImportIssueItem & { total: string }>(
    `SELECT severity, file, line, "column", value, rule, count(*) OVER () AS total
     FROM import_issues
     WHERE job_id = $1 AND ($2::text IS NULL OR severity = $2) AND ($3::text IS NULL OR file = $3)
     ORDER BY id OFFSET $4 LIMIT $5`,
    [jobId, query.severity ?? null, query.file ?? null, offset, limit],
  );
  const total = rows.length ? Number(rows[0].total) : await countIssues(database, jobId, query);
  return { total, offset, limit, items: rows.map(({ total: _total, ...issue }) => issue) };
}

async function countIssues(database: ImportDatabase, jobId: string, query: ImportIssueQuery): Promise<number> {
  const { rows } = await poolOf(database).query<{ n: string }>(
    `SELECT count(*) AS n FROM import_issues WHERE job_id = $1 AND ($2::text IS NULL OR severity = $2) AND ($3::text IS NULL OR file = $3)`,
    [jobId, query.severity ?? null, query.file ?? null],
  );
  return Number(rows[0].n);
}

/** The latest jobs, newest first. */
export async function listImportJobs(database: ImportDatabase, limit = 20): Promise<ImportJobRecord[]> {
  const { rows } = await poolOf(database).query<{ id: string }>('SELECT id FROM import_jobs ORDER BY created_at DESC, id LIMIT $1', [limit]);
  const jobs: ImportJobRecord[] = [];
  for (const { id } of rows) {
    const job = await findImportJob(database, id);
    if (job) jobs.push(job);
  }
  return jobs;
}

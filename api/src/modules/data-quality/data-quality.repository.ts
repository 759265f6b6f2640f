import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { ImportIssueItem, ImportJobSummary } from '../../contract/data-quality.contract';
import { ImportIssue } from '../imports/import-issue.entity';
import { ImportJob } from '../imports/import-job.entity';

/** Reads what the importer records (`import_jobs`, `import_issues`); never writes them. */
@Injectable()
export class DataQualityRepository {
  private readonly jobs: Repository<ImportJob>;
  private readonly issues: Repository<ImportIssue>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.jobs = dataSource.getRepository(ImportJob);
    this.issues = dataSource.getRepository(ImportIssue);
  }

  /** The latest jobs, newest first. */
  async latestJobs(limit: number): Promise<ImportJobSummary[]> {
    const rows = await this.jobs.find({ order: { createdAt: 'DESC', id: 'ASC' }, take: limit });
    return rows.map(toSummary);
  }

  /** Each job's first `perSeverity` errors and first `perSeverity` warnings, errors first, then as stored. */
  async firstIssues(jobIds: string[], perSeverity: number): Promise<Map<string, ImportIssueItem[]>> {
    const byJob = new Map<string, ImportIssueItem[]>(jobIds.map((id) => [id, []]));
    if (jobIds.length === 0) return byJob;
    const ranked = this.issues
      .createQueryBuilder('i')
      .select(['i.id AS id', 'i.job_id AS job_id', 'i.severity AS severity', 'i.file AS file', 'i.line AS line', 'i.column AS "column"', 'i.value AS value', 'i.rule AS rule'])
      .addSelect('row_number() OVER (PARTITION BY i.job_id, i.severity ORDER BY i.id)', 'n')
      .where('i.job_id IN (:...jobIds)', { jobIds });
    const rows: (ImportIssueItem & { job_id: string })[] = await this.issues.manager
      .createQueryBuilder()
      .select(['r.job_id AS job_id', 'r.severity AS severity', 'r.file AS file', 'r.line AS line', 'r."column" AS "column"', 'r.value AS value', 'r.rule AS rule'])
      .from(`(${ranked.getQuery()})`, 'r')
      .setParameters(ranked.getParameters())
      .where('r.n <= :perSeverity', { perSeverity })
      .orderBy('r.job_id')
      .addOrderBy(`CASE r.severity WHEN 'error' THEN 0 ELSE 1 END`)
      .addOrderBy('r.id')
      .getRawMany();
    for (const { job_id: jobId, ...issue } of rows) byJob.get(jobId)?.push(issue);
    return byJob;
  }
}

function toSummary(job: ImportJob): ImportJobSummary {
  return {
    id: job.id,
    status: job.status,
    format: job.format,
    source: job.source,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    bytesTotal: Number(job.bytesTotal),
    bytesRead: Number(job.bytesRead),
    rowsRead: Number(job.rowsRead),
    rowsApplied: Number(job.rowsApplied),
    errorCount: job.errorCount,
    warningCount: job.warningCount,
    files: job.files.map(({ file, status, rowsRead, rowsApplied, errors, warnings }) => ({ file, status, rowsRead, rowsApplied, errors, warnings })),
    failure: job.failure,
    fhir: job.fhirReport,
  };
}

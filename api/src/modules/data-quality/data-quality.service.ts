import { Injectable } from '@nestjs/common';
import { basename } from 'node:path';
import type { AuthUser } from '../../common/auth.decorators';
import { WITHHELD_IMPORT_FAILURE, type DataQualityResponse, type ImportJobSummary } from '../../contract/data-quality.contract';
import { ImportsService } from '../imports/imports.service';
import { SnapshotRefreshService } from '../snapshot/snapshot-refresh.service';
import { DataQualityRepository } from './data-quality.repository';

/** How many imports the Data page lists, and how many of each job's errors and of its warnings it shows. */
export const DATA_QUALITY_IMPORTS = 10;
export const DATA_QUALITY_ISSUES_PER_SEVERITY = 10;

/**
 * A job's source without the server's folders: a CLI import's source is its paths joined by ', ' (an upload's is
 * `upload: ` and the file names, the demo's a phrase, which this leaves as they are).
 */
export function sourceWithoutPaths(source: string): string {
  return source
    .split(', ')
    .map((part) => basename(part) || part)
    .join(', ');
}

/** The last imports with their first issues, and how fresh the figures are (`GET /api/data-quality`). */
@Injectable()
export class DataQualityService {
  constructor(
    private readonly imports: DataQualityRepository,
    private readonly refreshes: SnapshotRefreshService,
    private readonly importer: ImportsService,
  ) {}

  async report(user: AuthUser): Promise<DataQualityResponse> {
    // An import whose process stopped (a CLI import killed while the server runs) is listed as failed, not running.
    await this.importer.failInterrupted();
    const [jobs, { refreshedAt: _refreshedAt, ...snapshot }] = await Promise.all([this.imports.latestJobs(DATA_QUALITY_IMPORTS), this.refreshes.freshness(user)]);
    // Imports are an administrator's job and an extract covers practices in every area: the others see each import's
    // summary (are the figures fresh, did the imports go through) but no row-level issue, nor who asked for it, nor why
    // it stopped (server paths, raw errors).
    if (user.role !== 'admin') {
      const summary = (job: ImportJobSummary) => ({
        ...job,
        source: sourceWithoutPaths(job.source),
        requestedBy: null,
        failure: job.failure === null ? null : WITHHELD_IMPORT_FAILURE,
        issues: [],
      });
      return { snapshot, imports: jobs.map(summary), issueLines: 'administrators only' };
    }
    const issues = await this.imports.firstIssues(
      jobs.map((job) => job.id),
      DATA_QUALITY_ISSUES_PER_SEVERITY,
    );
    return { snapshot, imports: jobs.map((job) => ({ ...job, issues: issues.get(job.id) ?? [] })), issueLines: 'shown' };
  }
}

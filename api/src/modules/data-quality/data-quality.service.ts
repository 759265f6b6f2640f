import { Injectable } from '@nestjs/common';
import type { DataQualityResponse } from '../../contract/data-quality.contract';
import { ImportsService } from '../imports/imports.service';
import { SnapshotRefreshService } from '../snapshot/snapshot-refresh.service';
import { DataQualityRepository } from './data-quality.repository';

/** How many imports the Data page lists, and how many of each job's errors and of its warnings it shows. */
export const DATA_QUALITY_IMPORTS = 10;
export const DATA_QUALITY_ISSUES_PER_SEVERITY = 10;

/** The last imports with their first issues, and how fresh the figures are (`GET /api/data-quality`). */
@Injectable()
export class DataQualityService {
  constructor(
    private readonly imports: DataQualityRepository,
    private readonly refreshes: SnapshotRefreshService,
    private readonly importer: ImportsService,
  ) {}

  async report(): Promise<DataQualityResponse> {
    // An import whose process stopped (a CLI import killed while the server runs) is listed as failed, not running.
    await this.importer.failInterrupted();
    const [jobs, { refreshedAt: _refreshedAt, ...snapshot }] = await Promise.all([this.imports.latestJobs(DATA_QUALITY_IMPORTS), this.refreshes.freshness()]);
    const issues = await this.imports.firstIssues(
      jobs.map((job) => job.id),
      DATA_QUALITY_ISSUES_PER_SEVERITY,
    );
    return { snapshot, imports: jobs.map((job) => ({ ...job, issues: issues.get(job.id) ?? [] })) };
  }
}

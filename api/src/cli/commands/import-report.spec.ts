import type { ImportFileRecord } from '../../modules/imports/import-job.entity';
import { fileReportLine, jobReportLine } from './import-report';

const file = (counts: Partial<ImportFileRecord>): ImportFileRecord => ({
  file: 'patients.csv',
  origin: '/extract/patients.csv',
  status: 'applied',
  rowsRead: 0,
  rowsApplied: 0,
  errors: 0,
  warnings: 0,
  inserted: 0,
  updated: 0,
  ...counts,
});

describe('the import report of pcsp import', () => {
  it('counts one row, error or warning in the singular and others in the plural', () => {
    // 'patients.csv' (12 characters) padded to 26, then the rows read right-aligned in 12.
    expect(fileReportLine(file({ rowsRead: 1, rowsApplied: 1, inserted: 1 }))).toBe(
      '  patients.csv                          1 row read, applied 1 row (1 new, 0 changed)',
    );
    expect(fileReportLine(file({ rowsRead: 1500, rowsApplied: 1499, inserted: 2, updated: 1497, warnings: 1 }))).toBe(
      '  patients.csv                      1,500 rows read, applied 1,499 rows (2 new, 1,497 changed), 1 warning',
    );
    expect(fileReportLine(file({ status: 'rejected', rowsRead: 2, errors: 1, warnings: 2 }))).toBe(
      '  patients.csv                          2 rows read, rejected: 1 error, 2 warnings',
    );
    expect(fileReportLine(file({ status: 'rejected', rowsRead: 0, errors: 2 }))).toBe(
      '  patients.csv                          0 rows read, rejected: 2 errors',
    );
  });

  it('sums up the job in the singular for one row, error and warning', () => {
    const job = { id: 'job-1', status: 'failed' as const, rowsRead: 1, rowsApplied: 0, errorCount: 1, warningCount: 1 };
    // 1 row in 2 s: 0.5 a second, shown rounded as 1.
    expect(jobReportLine(job, 2)).toBe('Import job-1 failed: 0 of 1 row applied in 2.0 s (1 rows/s), 1 error, 1 warning.');
    expect(jobReportLine({ ...job, status: 'succeeded', rowsRead: 32, rowsApplied: 32, errorCount: 0, warningCount: 3 }, 0.5)).toBe(
      'Import job-1 succeeded: 32 of 32 rows applied in 0.5 s (64 rows/s), 0 errors, 3 warnings.',
    );
  });
});

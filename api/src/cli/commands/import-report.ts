import type { ImportJobSummary } from '../../contract/data-quality.contract';
import type { ImportFileRecord } from '../../modules/imports/import-job.entity';

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB');

/** `1 row`, `0 rows`, `1,500 rows`. */
export const counted = (n: number, noun: string): string => `${fmt(n)} ${noun}${n === 1 ? '' : 's'}`;

/** A file's line: rows read, then applied (new and changed) or why not, and any warnings. */
export function fileReportLine(file: ImportFileRecord): string {
  const outcome =
    file.status === 'applied'
      ? `applied ${counted(file.rowsApplied, 'row')} (${fmt(file.inserted)} new, ${fmt(file.updated)} changed)`
      : `${file.status}: ${counted(file.errors, 'error')}`;
  const warnings = file.warnings ? `, ${counted(file.warnings, 'warning')}` : '';
  return `  ${file.file.padEnd(26)} ${fmt(file.rowsRead).padStart(12)} row${file.rowsRead === 1 ? '' : 's'} read, ${outcome}${warnings}`;
}

/** The job's last line. */
export function jobReportLine(job: Pick<ImportJobSummary, 'id' | 'status' | 'rowsRead' | 'rowsApplied' | 'errorCount' | 'warningCount'>, seconds: number): string {
  return (
    `Import ${job.id} ${job.status}: ${fmt(job.rowsApplied)} of ${counted(job.rowsRead, 'row')} applied in ${seconds.toFixed(1)} s ` +
    `(${fmt(job.rowsRead / Math.max(seconds, 0.001))} rows/s), ${counted(job.errorCount, 'error')}, ${counted(job.warningCount, 'warning')}.`
  );
}

import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { importExtract, type ImportJobRecord } from '../../modules/imports/extract-import';
import { listImportIssues } from '../../modules/imports/import-job-queries';
import { importFhir, isFhirInput } from '../../modules/fhir-import/fhir-import';
import { say, withDatabase } from '../command-context';
import { counted, fileReportLine, fmt, jobReportLine } from './import-report';

const ISSUES_SHOWN = 20;

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'import a flat extract (folders, CSV files or .zip files) or FHIR R4 data (.ndjson files of a bulk $export, .json Bundles): ' +
        'files are applied in the contract order, each in one transaction; a file with any error is not applied, the others still are',
    )
    .argument('<paths...>', 'folders, .csv, .ndjson or .json files, or .zip files')
    .option('--requested-by <name>', 'who asked for the import, kept with the job')
    .action(async (paths: string[], options: { requestedBy?: string }) => {
      const job = await withDatabase(async ({ config, dataSource }) => {
        const began = performance.now();
        const bar = new SingleBar({
          format: '{file} |{bar}| {percentage}% | {rows} rows | {rate} rows/s | {eta_formatted}',
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        });
        let started = false;
        const run = (await isFhirInput(paths)) ? importFhir : importExtract;
        const summary = await run(dataSource, paths, {
          pseudonymKey: config.pseudonymKey,
          requestedBy: options.requestedBy ?? null,
          onProgress: (progress) => {
            const seconds = (performance.now() - began) / 1000;
            const payload = { file: (progress.file ?? '').padEnd(26), rows: fmt(progress.rowsRead), rate: fmt(progress.rowsRead / Math.max(seconds, 0.001)) };
            if (!started) {
              bar.start(Math.max(progress.bytesTotal, 1), progress.bytesRead, payload);
              started = true;
            } else {
              bar.setTotal(Math.max(progress.bytesTotal, 1));
              bar.update(progress.bytesRead, payload);
            }
          },
        });
        if (started) bar.stop();
        await report(summary, dataSource, (performance.now() - began) / 1000);
        return summary;
      });
      if (job.status !== 'succeeded') process.exitCode = 1;
    });
}

async function report(job: ImportJobRecord, database: Parameters<typeof listImportIssues>[0], seconds: number): Promise<void> {
  if (job.failure) say(`Import failed: ${job.failure}`);
  for (const file of job.files) say(fileReportLine(file));
  if (job.fhir) {
    const read = Object.entries(job.fhir.resources).map(([type, n]) => `${fmt(n)} ${type}`);
    say(`  FHIR resources read: ${read.join(', ') || 'none'}`);
    for (const [type, n] of Object.entries(job.fhir.skippedTypes)) say(`  skipped: ${fmt(n)} ${type} (not mapped)`);
    const unknown = Object.entries(job.fhir.unknownCodes).sort((a, b) => b[1] - a[1]);
    for (const [code, n] of unknown.slice(0, ISSUES_SHOWN)) say(`  unknown code: ${code} × ${fmt(n)}`);
    if (unknown.length > ISSUES_SHOWN) say(`  … and ${counted(unknown.length - ISSUES_SHOWN, 'more unknown code')} (see import job ${job.id})`);
  }
  const issues = await listImportIssues(database, job.id, { limit: ISSUES_SHOWN });
  for (const issue of issues.items) {
    const where = [issue.file, issue.line === null ? undefined : `line ${issue.line}`, issue.column ?? undefined].filter(Boolean).join(', ');
    say(`  ${issue.severity}: ${where}${issue.value === null ? '' : ` "${issue.value}"`}: ${issue.rule}`);
  }
  const more = job.errorCount + job.warningCount - issues.items.length;
  if (more > 0) say(`  … and ${fmt(more)} more (see import job ${job.id})`);
  say(jobReportLine(job, seconds));
}

import { importFhir } from '../../../../api/src/modules/fhir-import/fhir-import';
import type { ImportJobRecord } from '../../../../api/src/modules/imports/extract-import';
import { listImportIssues } from '../../../../api/src/modules/imports/import-job-queries';
import type { TestDatabase } from '../../../support/test-database';
import { TEST_KEY, TODAY, extractFolder } from '../import-test-support';

/** Imports FHIR files, given by name and text, from a folder of their own, with the tests' pseudonym key and day. */
export const importFhirFiles = (database: TestDatabase, files: Record<string, string>) =>
  importFhir(database.dataSource, [extractFolder(files, 'pcsp-fhir-')], { pseudonymKey: TEST_KEY, today: TODAY });

/** Each contract file of a job as [file, status, errors]. */
export const fileOutcomes = (job: ImportJobRecord) => job.files.map((f) => [f.file, f.status, f.errors]);

/** A job's errors as `file:line column: rule`, sorted; with `withValue`, the masked value before the rule. */
export async function errorLines(database: TestDatabase, job: ImportJobRecord, { withValue = false } = {}): Promise<string[]> {
  return (await listImportIssues(database.dataSource, job.id, { limit: 50 })).items
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.file}:${i.line} ${i.column}: ${withValue ? `${i.value}: ` : ''}${i.rule}`)
    .sort();
}

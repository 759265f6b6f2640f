import { importFhir } from '../../../../api/src/modules/fhir-import/fhir-import';
import { failInterruptedImportJobs } from '../../../../api/src/modules/imports/extract-import';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { removeTempDirs } from '../../../support/cli';
import { TEST_KEY, TODAY, extractFolder } from '../import-test-support';
import { A81001_CHAIN, ODS, ndjson } from './fhir-resources';

/** Patient `i`, registered at A81001, by a pseudonym made upstream (no NHS number to check). */
const patient = (i: number) => ({
  resourceType: 'Patient',
  id: `p${i}`,
  identifier: [{ system: 'urn:pcsp-insights:id:patient-id', value: `P${String(i).padStart(8, '0')}` }],
  gender: i % 2 ? 'female' : 'male',
  birthDate: '1960-01-01',
  extension: [
    {
      url: 'urn:pcsp-insights:extension:registration',
      extension: [{ url: 'practice', valueReference: { identifier: { system: ODS, value: 'A81001' } } }, { url: 'period', valuePeriod: { start: '2010-01-01' } }],
    },
  ],
});

describe('FHIR import: the job holds its lease from the start', () => {
  jest.setTimeout(120_000);
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pcsp_fhir_lease');
  });
  afterAll(async () => {
    await database?.drop();
    removeTempDirs();
  });

  it('is never taken for interrupted by another process listing the jobs while its resources are mapped', async () => {
    // 5,000 patients take a while to map before the contract rows run: a job without its lease then (as the CLI's
    // FHIR import had) is marked failed by the first look from another connection, as the server's listing does.
    const folder = extractFolder({ 'Organization.ndjson': ndjson(A81001_CHAIN), 'Patient.ndjson': ndjson(Array.from({ length: 5000 }, (_, i) => patient(i + 1))) }, 'pcsp-fhir-lease-');
    let done = false;
    const run = importFhir(database.dataSource, [folder], { pseudonymKey: TEST_KEY, today: TODAY }).finally(() => {
      done = true;
    });
    const takenForInterrupted: string[] = [];
    let looks = 0;
    while (!done) {
      takenForInterrupted.push(...(await failInterruptedImportJobs(database.dataSource)));
      looks++;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const job = await run;
    expect(looks).toBeGreaterThan(1);
    expect(takenForInterrupted).toEqual([]);
    expect([job.status, job.failure]).toEqual(['succeeded', null]);
  });
});

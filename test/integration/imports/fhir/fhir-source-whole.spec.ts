import type { ImportJobRecord } from '../../../../api/src/modules/imports/extract-import';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { tableContents } from '../import-test-support';
import { removeTempDirs } from '../../../support/cli';
import { errorLines, fileOutcomes, importFhirFiles } from './fhir-import-runs';
import { A81001_CHAIN, NHS, ODS, SCT, bundle, ndjson } from './fhir-resources';

const patient = (id: string, nhsNumber: string, birthDate: string, period: { start: string; end?: string }) => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: NHS, value: nhsNumber }],
  gender: 'female',
  birthDate,
  extension: [
    { url: 'urn:pcsp-insights:extension:registration', extension: [{ url: 'practice', valueReference: { identifier: { system: ODS, value: 'A81001' } } }, { url: 'period', valuePeriod: period }] },
  ],
});
const P1 = patient('p1', '9434765919', '1950-04-02', { start: '2010-01-01' });
const P2 = patient('p2', '9434765870', '1961-01-01', { start: '2012-06-01' });
const condition = (id: string, subject: string, onset: string) => ({ resourceType: 'Condition', id, code: { coding: [{ system: SCT, code: '44054006' }] }, subject: { reference: `Patient/${subject}` }, onsetDateTime: onset });

describe('FHIR import: a source file with any error commits nothing of it', () => {
  jest.setTimeout(60_000);
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('pcsp_fhir_whole');
  });
  afterEach(async () => {
    await database.drop();
  });
  const run = (files: Record<string, string>) => importFhirFiles(database, files);
  const outcomes = fileOutcomes;
  const errors = (job: ImportJobRecord) => errorLines(database, job);
  /** Stored: one practice chain; p1 and p2, each with one registration at A81001; condition c1 of p1. */
  const storeWorld = async () => {
    const first = await run({ 'Organization.ndjson': ndjson(A81001_CHAIN), 'Patient.ndjson': ndjson([P1, P2]), 'Condition.ndjson': ndjson([condition('c1', 'p1', '2015-06-01')]) });
    expect(first.status).toBe('succeeded');
    return tableContents(database.dataSource);
  };

  it('a bad patient row rejects the registrations of the same Patient.ndjson, and neither table changes', async () => {
    const before = await storeWorld();
    // Line 1: p1's registration now ends 2016-04-30 (a valid change); line 2: p2 born 2024-02-30 (no such day).
    const job = await run({ 'Patient.ndjson': ndjson([patient('p1', '9434765919', '1950-04-02', { start: '2010-01-01', end: '2016-04-30' }), { ...P2, birthDate: '2024-02-30' }]) });
    expect(job.status).toBe('failed');
    expect(outcomes(job)).toEqual([
      ['patients.csv', 'rejected', 1],
      ['registrations.csv', 'rejected', 1],
    ]);
    expect(await errors(job)).toEqual([
      'Patient.ndjson:2 Patient.birthDate: Patient/p2: is not a real date: February 2024 has 29 days',
      'registrations.csv:null null: rejected because Patient.ndjson has errors: see patients.csv',
    ]);
    // Every row as before, written by the same transaction (xmin): p1's registration still has no end.
    expect(await tableContents(database.dataSource)).toEqual(before);
    expect(await database.dataSource.query(`SELECT registered_on::text AS r, deregistered_on FROM registrations ORDER BY 1`)).toEqual([
      { r: '2010-01-01', deregistered_on: null },
      { r: '2012-06-01', deregistered_on: null },
    ]);
  });

  it('a bad registration row rejects the patients of the same Patient.ndjson', async () => {
    const before = await storeWorld();
    // Line 1: p1's registration ends the day before it starts; line 2: p2's birth date moves a day (a valid change).
    const job = await run({ 'Patient.ndjson': ndjson([patient('p1', '9434765919', '1950-04-02', { start: '2010-01-01', end: '2009-12-31' }), { ...P2, birthDate: '1961-01-02' }]) });
    expect(job.status).toBe('failed');
    expect(outcomes(job)).toEqual([
      ['patients.csv', 'rejected', 1],
      ['registrations.csv', 'rejected', 1],
    ]);
    expect(await errors(job)).toEqual([
      'Patient.ndjson:1 Patient.extension(registration)[0].period.end: Patient/p1: must be after registered_on (2010-01-01)',
      'patients.csv:null null: rejected because Patient.ndjson has errors: see registrations.csv',
    ]);
    expect(await tableContents(database.dataSource)).toEqual(before);
  });

  it('a Bundle is one source file: a bad condition in it rejects its patients, and what shares a table with it is rejected too', async () => {
    const before = await storeWorld();
    // bundle.json: p1 born a day later (valid) and condition c2 of p1 onset 2015-02-30 (no such day): conditions.csv
    // has an error of bundle.json, so patients.csv and registrations.csv, holding p1 of bundle.json, are rejected.
    // Patient.ndjson (p2 born a day later, valid) has rows in those two: it is not applied either.
    // Observation.ndjson has no rows in any of them: applied (one systolic pressure of p2).
    const job = await run({
      'bundle.json': bundle([{ ...P1, birthDate: '1950-04-03' }, condition('c2', 'p1', '2015-02-30')]),
      'Patient.ndjson': ndjson([{ ...P2, birthDate: '1961-01-02' }]),
      'Observation.ndjson': ndjson([
        { resourceType: 'Observation', id: 'o1', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, subject: { reference: 'Patient/p2' }, effectiveDateTime: '2025-05-05', valueQuantity: { value: 120, code: 'mm[Hg]' } },
      ]),
    });
    expect(job.status).toBe('failed');
    expect(outcomes(job)).toEqual([
      ['patients.csv', 'rejected', 1],
      ['registrations.csv', 'rejected', 2],
      ['conditions.csv', 'rejected', 1],
      ['observations.csv', 'applied', 0],
    ]);
    expect(await errors(job)).toEqual([
      'bundle.json:null Condition.onsetDateTime: Condition/c2 (entry 2): is not a real date: February 2015 has 28 days',
      'patients.csv:null null: rejected because bundle.json has errors: see conditions.csv',
      'registrations.csv:null null: rejected because Patient.ndjson has resources in patients.csv, which is rejected: see patients.csv',
      'registrations.csv:null null: rejected because bundle.json has errors: see conditions.csv',
    ]);
    const after = await tableContents(database.dataSource);
    const { observations, snapshot_state: _after, ...restAfter } = after;
    const { observations: none, snapshot_state: _before, ...restBefore } = before;
    expect(none).toEqual([]);
    expect(observations).toHaveLength(1);
    expect(restAfter).toEqual(restBefore);
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);

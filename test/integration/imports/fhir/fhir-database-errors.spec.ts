import { createHmac } from 'node:crypto';
import { importFhir } from '../../../../api/src/modules/fhir-import/fhir-import';
import type { ImportJobRecord } from '../../../../api/src/modules/imports/extract-import';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { TEST_KEY, TODAY, extractFolder, tableContents } from '../import-test-support';
import { removeTempDirs } from '../../../support/cli';
import { errorLines, fileOutcomes, importFhirFiles } from './fhir-import-runs';
import { A81001_CHAIN, bundle, condition, ndjson, organisation, patient, registration } from './fhir-resources';

// Errors only the database finds (a practice not stored, a key twice): the contract files sharing a source file with
// the one rejected are not applied either, whichever of them is applied first.
const P1 = patient('p1', '9434765919', '1950-04-02', [registration('A81001', { start: '2010-01-01' })]);
const P2 = patient('p2', '9434765870', '1961-01-01', [registration('A81001', { start: '2012-06-01' })]);
/** A patient's pseudonym (HMAC-SHA-256 of the NHS number, hex) as messages show it: its first 3 characters of 64. */
const shown = (nhsNumber: string) => `${createHmac('sha256', TEST_KEY).update(nhsNumber).digest('hex').slice(0, 3)}${'*'.repeat(61)}`;
/** p1 born a day later (a valid change), registered at A81001 until 2019-12-31 and then at `practice`. */
const movedP1 = (practice: string) =>
  patient('p1', '9434765919', '1950-04-03', [registration('A81001', { start: '2010-01-01', end: '2019-12-31' }), registration(practice, { start: '2020-01-01' })]);

describe('FHIR import: an error only the database finds rejects every contract file sharing its source file', () => {
  jest.setTimeout(60_000);
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('pcsp_fhir_db_errors');
  });
  afterEach(async () => {
    await database.drop();
  });
  const run = (files: Record<string, string>) => importFhirFiles(database, files);
  const outcomes = fileOutcomes;
  const errors = (job: ImportJobRecord) => errorLines(database, job, { withValue: true });
  const patients = () => database.dataSource.query(`SELECT birth_date::text AS born FROM patients ORDER BY 1`) as Promise<{ born: string }[]>;
  const registrations = () =>
    database.dataSource.query(`SELECT practice_code AS practice, registered_on::text AS start, deregistered_on::text AS "end" FROM registrations ORDER BY 2`) as Promise<
      { practice: string; start: string; end: string | null }[]
    >;
  /** Stored: practice A81001 and its chain; p1 and p2, each registered at A81001 and still there. */
  const storeWorld = async () => {
    const first = await run({ 'Organization.ndjson': ndjson(A81001_CHAIN), 'Patient.ndjson': ndjson([P1, P2]) });
    expect(first.status).toBe('succeeded');
    return tableContents(database.dataSource);
  };
  const STORED_PATIENTS = [{ born: '1950-04-02' }, { born: '1961-01-01' }];
  const STORED_REGISTRATIONS = [
    { practice: 'A81001', start: '2010-01-01', end: null },
    { practice: 'A81001', start: '2012-06-01', end: null },
  ];

  it('a registration at a practice not stored rejects the patients of the same Patient.ndjson, applied first, and no stored row changes', async () => {
    const before = await storeWorld();
    expect(await patients()).toEqual(STORED_PATIENTS);
    // patients.csv's rows pass every check (p1 born a day later); registrations.csv's line 3, p1 at B99999 (a well-formed
    // code, so the row checks pass), names a practice only the database can find missing.
    const job = await run({ 'Patient.ndjson': ndjson([movedP1('B99999'), P2]) });
    expect(job.status).toBe('failed');
    expect(outcomes(job)).toEqual([
      ['patients.csv', 'rejected', 1],
      ['registrations.csv', 'rejected', 1],
    ]);
    expect(job.rowsApplied).toBe(0);
    expect(await errors(job)).toEqual([
      'Patient.ndjson:1 Patient.extension(registration)[1].practice: B99999: Patient/p1: unknown practice: not in practices.csv of this import or an earlier one',
      'patients.csv:null null: null: not applied: registrations.csv was rejected, and both hold resources of Patient.ndjson',
    ]);
    // Every row as before, written by the same transaction (xmin): 2 patients, p1 still born 1950-04-02.
    expect(await tableContents(database.dataSource)).toEqual(before);
    expect(await patients()).toEqual(STORED_PATIENTS);
    expect(await registrations()).toEqual(STORED_REGISTRATIONS);
    // p1's key is kept only for an applied patients.csv: it was stored by the first import, and is still.
    expect(await database.dataSource.query(`SELECT resource_id FROM fhir_resource_keys WHERE resource_type = 'Patient' ORDER BY 1`)).toEqual([
      { resource_id: 'p1' },
      { resource_id: 'p2' },
    ]);
  });

  it('the same Patient.ndjson with the practice stored: both files applied', async () => {
    await storeWorld();
    const job = await run({ 'Patient.ndjson': ndjson([movedP1('A81001'), P2]) });
    expect(job.status).toBe('succeeded');
    expect(outcomes(job)).toEqual([
      ['patients.csv', 'applied', 0],
      ['registrations.csv', 'applied', 0],
    ]);
    // patients: p1's birth date updated, p2 as stored; registrations: p1's first one ended, a second one inserted, p2's as stored.
    expect(job.files.map((f) => [f.file, f.inserted, f.updated])).toEqual([
      ['patients.csv', 0, 1],
      ['registrations.csv', 1, 1],
    ]);
    expect(await patients()).toEqual([{ born: '1950-04-03' }, { born: '1961-01-01' }]);
    expect(await registrations()).toEqual([
      { practice: 'A81001', start: '2010-01-01', end: '2019-12-31' },
      { practice: 'A81001', start: '2012-06-01', end: null },
      { practice: 'A81001', start: '2020-01-01', end: null },
    ]);
  });

  it('a patient given twice rejects patients.csv in the database, and the registrations of the same Patient.ndjson, which pass their checks, are not applied', async () => {
    const before = await storeWorld();
    // Lines 1 and 3 are the same person (one NHS number, two resource ids): a duplicate key of patients.csv, found by the
    // database. Their registrations (p1's two, p1b's at A81001 from 2021-01-01) name a stored patient: no error of their own.
    const job = await run({
      'Patient.ndjson': ndjson([movedP1('A81001'), P2, patient('p1b', '9434765919', '1950-04-02', [registration('A81001', { start: '2021-01-01' })])]),
    });
    expect(outcomes(job)).toEqual([
      ['patients.csv', 'rejected', 1],
      ['registrations.csv', 'rejected', 1],
    ]);
    expect(await errors(job)).toEqual([
      `Patient.ndjson:3 Patient.identifier: ${shown('9434765919')}: Patient/p1b: duplicate patient_id: the same as line 2`,
      'registrations.csv:null null: null: not applied: patients.csv was rejected, and both hold resources of Patient.ndjson',
    ]);
    expect(await tableContents(database.dataSource)).toEqual(before);
  });

  it('a contract file linked to the rejected one through another source file is named with the file that links it', async () => {
    const before = await storeWorld();
    // Patient.ndjson: p1 at B99999 (not stored) rejects registrations.csv, so patients.csv, which also holds p2 of
    // Patient.ndjson. bundle.json holds p3 (no registration) in patients.csv and p3's systolic pressure in observations.csv:
    // observations.csv shares no source file with registrations.csv, only bundle.json with patients.csv. Its checks pass
    // (p3 is in patients.csv, checked and merged before it in the same transaction).
    const p3 = { ...patient('p3', '9434765927', '1970-03-03', []), extension: undefined };
    const observation = {
      resourceType: 'Observation',
      id: 'o1',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
      subject: { reference: 'Patient/p3' },
      effectiveDateTime: '2025-05-05',
      valueQuantity: { value: 120, code: 'mm[Hg]' },
    };
    const job = await run({ 'Patient.ndjson': ndjson([movedP1('B99999'), P2]), 'bundle.json': bundle([p3, observation]) });
    expect(outcomes(job)).toEqual([
      ['patients.csv', 'rejected', 1],
      ['registrations.csv', 'rejected', 1],
      ['observations.csv', 'rejected', 1],
    ]);
    expect(await errors(job)).toEqual([
      'Patient.ndjson:1 Patient.extension(registration)[1].practice: B99999: Patient/p1: unknown practice: not in practices.csv of this import or an earlier one',
      'observations.csv:null null: null: not applied: patients.csv was rejected, and both hold resources of bundle.json',
      'patients.csv:null null: null: not applied: registrations.csv was rejected, and both hold resources of Patient.ndjson',
    ].sort());
    expect(await tableContents(database.dataSource)).toEqual(before);
  });

  it.each([{ directLoads: true }, { directLoads: false }])(
    'into empty tables: a registration at a practice not stored rejects the patients loaded before it, and a condition of theirs (directLoads $directLoads)',
    async ({ directLoads }) => {
      const practices = await run({ 'Organization.ndjson': ndjson(A81001_CHAIN) });
      expect(practices.status).toBe('succeeded');
      const before = await tableContents(database.dataSource);
      // A first load: patients.csv and registrations.csv are loaded straight into their tables (directLoads true), in one
      // transaction; conditions.csv (Condition.ndjson) is read meanwhile with the patients' ids, then read again into staging
      // once patients.csv is rolled back, where p2 is not found.
      const job = await importFhir(
        database.dataSource,
        [extractFolder({ 'Patient.ndjson': ndjson([movedP1('B99999'), P2]), 'Condition.ndjson': ndjson([condition('c1', 'p2', '2015-06-01')]) }, 'pcsp-fhir-')],
        { pseudonymKey: TEST_KEY, today: TODAY, directLoads },
      );
      expect(outcomes(job)).toEqual([
        ['patients.csv', 'rejected', 1],
        ['registrations.csv', 'rejected', 1],
        ['conditions.csv', 'rejected', 1],
      ]);
      expect(await errors(job)).toEqual([
        `Condition.ndjson:1 Condition.subject: ${shown('9434765870')}: Condition/c1: unknown patient: not in patients.csv of this import or an earlier one (patients.csv of this import was rejected)`,
        'Patient.ndjson:1 Patient.extension(registration)[1].practice: B99999: Patient/p1: unknown practice: not in practices.csv of this import or an earlier one',
        'patients.csv:null null: null: not applied: registrations.csv was rejected, and both hold resources of Patient.ndjson',
      ]);
      expect(await tableContents(database.dataSource)).toEqual(before);
      expect(await patients()).toEqual([]);
      // Rows read once each, however often a file was read: 2 patients, 3 registrations (p1's two, p2's one), 1 condition.
      expect(job).toMatchObject({ rowsApplied: 0, rowsRead: 6 });
    },
  );

  describe('source files that need rows of each other (bundle.json: practices and conditions; Patient.ndjson: patients and registrations)', () => {
    // bundle.json's conditions.csv needs Patient.ndjson's patients, and Patient.ndjson's registrations.csv needs
    // bundle.json's practices: the four files are applied in one transaction, each source file's files together.
    const NEW_PRACTICE = [...A81001_CHAIN, organisation('A81002', 'U12345')];
    const c1 = condition('c1', 'p2', '2015-06-01');

    it('no error: every file applied', async () => {
      await storeWorld();
      const job = await run({
        'bundle.json': bundle([...NEW_PRACTICE, c1]),
        'Patient.ndjson': ndjson([patient('p2', '9434765870', '1961-01-02', [registration('A81002', { start: '2012-06-01' })])]),
      });
      expect(job.status).toBe('succeeded');
      // practices: A81002 inserted (the chain is stored as it is); p2 born a day later; her registration moves to A81002
      // (a new key: inserted, the stored one at A81001 stays); one condition.
      expect(job.files.map((f) => [f.file, f.status, f.inserted, f.updated])).toEqual([
        ['practices.csv', 'applied', 1, 0],
        ['patients.csv', 'applied', 0, 1],
        ['registrations.csv', 'applied', 1, 0],
        ['conditions.csv', 'applied', 1, 0],
      ]);
      expect(await patients()).toEqual([{ born: '1950-04-02' }, { born: '1961-01-02' }]);
    });

    it("a key twice in bundle.json's conditions rejects its practices, and Patient.ndjson's files, which need none of them, are applied", async () => {
      const before = await storeWorld();
      // c1 and c2 (entries 7 and 8, after the 6 Organizations): p2's diabetes from 2015-06-01 twice, a duplicate key only
      // the database finds (line 3 of conditions.csv, the same as line 2). p2 stays at A81001 (stored).
      const job = await run({
        'bundle.json': bundle([...NEW_PRACTICE, c1, condition('c2', 'p2', '2015-06-01')]),
        'Patient.ndjson': ndjson([patient('p2', '9434765870', '1961-01-02', [registration('A81001', { start: '2012-06-01' })])]),
      });
      expect(job.status).toBe('failed');
      expect(outcomes(job)).toEqual([
        ['practices.csv', 'rejected', 1],
        ['patients.csv', 'applied', 0],
        ['registrations.csv', 'applied', 0],
        ['conditions.csv', 'rejected', 1],
      ]);
      expect(await errors(job)).toEqual([
        `bundle.json:null patient_id, condition, diagnosed_on: ${shown('9434765870')}, DM, 2015-06-01: Condition/c2 (entry 8): duplicate key (patient_id, condition, diagnosed_on): the same as line 2`,
        'practices.csv:null null: null: not applied: conditions.csv was rejected, and both hold resources of bundle.json',
      ]);
      // Patient.ndjson's files were read twice (a try with bundle.json's, then one without), counted once: practices.csv's
      // A81001 and A81002, 1 patient, 1 registration, 2 conditions.
      expect(job.rowsRead).toBe(6);
      expect(job.bytesRead).toBe(job.bytesTotal);
      const after = await tableContents(database.dataSource);
      expect(after.organisations).toEqual(before.organisations);
      expect(after.conditions).toEqual([]);
      expect(await patients()).toEqual([{ born: '1950-04-02' }, { born: '1961-01-02' }]);
    });

    it.each([{ directLoads: true }, { directLoads: false }])(
      "into empty tables: bundle.json's key twice rejects its files, and Patient.ndjson's are loaded again without them (directLoads $directLoads)",
      async ({ directLoads }) => {
        expect((await run({ 'Organization.ndjson': ndjson(A81001_CHAIN) })).status).toBe('succeeded');
        const before = await tableContents(database.dataSource);
        // The first try loads patients.csv, registrations.csv and conditions.csv straight into their empty tables
        // (directLoads true); conditions.csv's key twice rolls it back, and Patient.ndjson's two files are loaded again.
        const steps: string[] = [];
        const job = await importFhir(
          database.dataSource,
          [
            extractFolder(
              {
                'bundle.json': bundle([...NEW_PRACTICE, c1, condition('c2', 'p2', '2015-06-01')]),
                'Patient.ndjson': ndjson([patient('p2', '9434765870', '1961-01-02', [registration('A81001', { start: '2012-06-01' })])]),
              },
              'pcsp-fhir-',
            ),
          ],
          { pseudonymKey: TEST_KEY, today: TODAY, directLoads, onStep: (file, step) => file === 'patients.csv' && steps.push(step) },
        );
        // patients.csv read twice: loaded straight in (its keys rebuilt: the merge step) or staged, checked and merged.
        expect(steps).toEqual(directLoads ? ['stage', 'merge', 'stage', 'merge'] : ['stage', 'check', 'merge', 'stage', 'check', 'merge']);
        expect(job.files.map((f) => [f.file, f.status, f.inserted, f.errors])).toEqual([
          ['practices.csv', 'rejected', 0, 1],
          ['patients.csv', 'applied', 1, 0],
          ['registrations.csv', 'applied', 1, 0],
          ['conditions.csv', 'rejected', 0, 1],
        ]);
        // 2 practices, 1 patient, 1 registration, 2 conditions; each file's rows counted once.
        expect(job).toMatchObject({ rowsRead: 6, rowsApplied: 2 });
        expect(job.bytesRead).toBe(job.bytesTotal);
        const after = await tableContents(database.dataSource);
        expect(after.organisations).toEqual(before.organisations);
        expect(after.conditions).toEqual([]);
        expect(await patients()).toEqual([{ born: '1961-01-02' }]);
        expect(await registrations()).toEqual([{ practice: 'A81001', start: '2012-06-01', end: null }]);
      },
    );

    it("the same, with p2 moving to bundle.json's new practice: Patient.ndjson's files are rejected too, and nothing stored changes", async () => {
      const before = await storeWorld();
      const job = await run({
        'bundle.json': bundle([...NEW_PRACTICE, c1, condition('c2', 'p2', '2015-06-01')]),
        'Patient.ndjson': ndjson([patient('p2', '9434765870', '1961-01-02', [registration('A81002', { start: '2012-06-01' })])]),
      });
      expect(outcomes(job)).toEqual([
        ['practices.csv', 'rejected', 1],
        ['patients.csv', 'rejected', 1],
        ['registrations.csv', 'rejected', 1],
        ['conditions.csv', 'rejected', 1],
      ]);
      expect(await errors(job)).toEqual([
        'Patient.ndjson:1 Patient.extension(registration)[0].practice: A81002: Patient/p2: unknown practice: not in practices.csv of this import or an earlier one (practices.csv of this import was rejected)',
        `bundle.json:null patient_id, condition, diagnosed_on: ${shown('9434765870')}, DM, 2015-06-01: Condition/c2 (entry 8): duplicate key (patient_id, condition, diagnosed_on): the same as line 2`,
        'patients.csv:null null: null: not applied: registrations.csv was rejected, and both hold resources of Patient.ndjson',
        'practices.csv:null null: null: not applied: conditions.csv was rejected, and both hold resources of bundle.json',
      ].sort());
      expect(await tableContents(database.dataSource)).toEqual(before);
    });
  });
});

// Last, after every database above has been dropped: the temporary folders this file made.
afterAll(removeTempDirs);

import { listImportIssues } from '../../../../api/src/modules/imports/import-job-queries';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { tableContents } from '../import-test-support';
import { removeTempDirs } from '../../../support/cli';
import { importFhirFiles } from './fhir-import-runs';
import { A81001_CHAIN, NHS, ODS, SCT, ndjson } from './fhir-resources';

const patient = (id: string, nhsNumber: string, birthDate: string) => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: NHS, value: nhsNumber }],
  gender: 'female',
  birthDate,
  extension: [
    { url: 'urn:pcsp-insights:extension:registration', extension: [{ url: 'practice', valueReference: { identifier: { system: ODS, value: 'A81001' } } }, { url: 'period', valuePeriod: { start: '2010-01-01' } }] },
  ],
});
const condition = (id: string, code: string, onset: string) => ({ resourceType: 'Condition', id, code: { coding: [{ system: SCT, code }] }, subject: { reference: 'Patient/pat1' }, onsetDateTime: onset });

describe('FHIR import: a line or a file that cannot be read', () => {
  jest.setTimeout(60_000);
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pcsp_fhir_unreadable');
  });
  afterAll(async () => {
    await database.drop();
  });
  const run = (files: Record<string, string>) => importFhirFiles(database, files);

  it('rejects that source file and the contract files holding its resources, names file and line, applies the rest and changes nothing stored', async () => {
    const first = await run({
      'Organization.ndjson': ndjson(A81001_CHAIN),
      'Patient.ndjson': ndjson([patient('pat1', '9434765919', '1950-04-02')]),
      'Condition.ndjson': ndjson([condition('c1', '44054006', '2015-06-01')]),
    });
    expect(first.status).toBe('succeeded');
    const before = await tableContents(database.dataSource);

    // Patient.ndjson: line 1 changes pat1's birth date, line 2 is cut short, line 3 is a new patient.
    // Condition.ndjson: a second condition of the stored pat1 (44054006 is diabetes: the DM register).
    // notes.json: a Patient where a Bundle must be.
    const job = await run({
      'Patient.ndjson': ndjson([patient('pat1', '9434765919', '1950-04-03'), '{"resourceType": "Patient", "id": "pat', patient('pat2', '9434765870', '1961-01-01')]),
      'Condition.ndjson': ndjson([condition('c2', '44054006', '2020-02-02')]),
      'notes.json': JSON.stringify(patient('pat3', '9434765862', '1970-01-01')),
    });

    expect(job.status).toBe('failed');
    // Not a failure of the whole job: each file has its own outcome.
    expect(job.failure).toBeNull();
    expect(job.files.map((f) => [f.file, f.status, f.errors])).toEqual([
      ['notes.json', 'rejected', 1],
      ['Patient.ndjson', 'rejected', 1],
      // Each holds the two readable Patients of Patient.ndjson: one error naming Patient.ndjson.
      ['patients.csv', 'rejected', 1],
      // ...and registrations.csv also one for pat2's registration, whose patient was in the rejected patients.csv.
      ['registrations.csv', 'rejected', 2],
      ['conditions.csv', 'applied', 0],
    ]);
    const issues = (await listImportIssues(database.dataSource, job.id, { limit: 50 })).items.filter((i) => i.severity === 'error');
    expect(issues.map((i) => `${i.file}:${i.line} ${i.column}: ${i.rule}`).sort()).toEqual([
      'Patient.ndjson:2 null: (unreadable): is not valid JSON: each line of an NDJSON file must be one resource',
      'Patient.ndjson:3 Patient.identifier: Patient/pat2: unknown patient: not in patients.csv of this import or an earlier one (patients.csv of this import was rejected)',
      'Patient.ndjson:null null: not applied: patients.csv holds resources of Patient.ndjson, which could not be read in full (see its errors), and a file is applied whole or not at all',
      'Patient.ndjson:null null: not applied: registrations.csv holds resources of Patient.ndjson, which could not be read in full (see its errors), and a file is applied whole or not at all',
      'notes.json:null null: is not a Bundle: a .json file must hold one Bundle (NDJSON files end in .ndjson)',
    ]);

    // Stored before: one practice chain, pat1 born 1950-04-02 with one registration and condition c1.
    // After: the same rows, untouched (same xmin), but for conditions, which gained c2 (2020-02-02).
    const after = await tableContents(database.dataSource);
    const { conditions: conditionsAfter, snapshot_state: _s1, ...restAfter } = after;
    const { conditions: conditionsBefore, snapshot_state: _s2, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(conditionsAfter).toHaveLength(2);
    expect(conditionsAfter[0]).toEqual(conditionsBefore[0]);
    expect(await database.dataSource.query(`SELECT birth_date::text AS b FROM patients`)).toEqual([{ b: '1950-04-02' }]);
    expect(await database.dataSource.query(`SELECT diagnosed_on::text AS d FROM conditions ORDER BY 1`)).toEqual([{ d: '2015-06-01' }, { d: '2020-02-02' }]);
  });

  it('places a Bundle that is not valid JSON by line and column, and a bad entry by its number alone', async () => {
    // cut.json ends after "pat9" on line 5, `    {"resource": {"resourceType": "Patient", "id": "pat9"`: 4 spaces, then
    // `{"resource": ` 13, `{"resourceType": ` 17, `"Patient", ` 11, `"id": ` 6, `"pat9"` 6 = 57 characters; the end is column 58.
    const cut = '{\n  "resourceType": "Bundle",\n  "type": "collection",\n  "entry": [\n    {"resource": {"resourceType": "Patient", "id": "pat9"';
    // pretty.json: pat9 born 1970-02-30, in entry 1, which JSON.stringify with indent puts on line 5, not line 1.
    const pretty = JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient('pat9', '9434765862', '1970-02-30') }] }, null, 2);
    // deep.json: 20,000 open brackets, deeper than the parser that places errors can go: refused all the same, unplaced.
    const deep = `${'['.repeat(20_000)}x`;
    const job = await run({ 'Organization.ndjson': ndjson(A81001_CHAIN), 'cut.json': cut, 'pretty.json': pretty, 'deep.json': deep });
    const issues = (await listImportIssues(database.dataSource, job.id, { limit: 50 })).items.filter((i) => i.severity === 'error');
    expect(issues.map((i) => `${i.file}:${i.line} ${i.column}: ${i.rule}`).sort()).toEqual([
      'cut.json:null null: not valid JSON at line 5, column 58 (unexpected end of file)',
      'deep.json:null null: not valid JSON (nested too deeply to place the first error)',
      'pretty.json:null Patient.birthDate: Patient/pat9 (entry 1): is not a real date: February 1970 has 28 days',
      'pretty.json:null Patient.identifier: Patient/pat9 (entry 1): unknown patient: not in patients.csv of this import or an earlier one (patients.csv of this import was rejected)',
      'registrations.csv:null null: rejected because pretty.json has errors: see patients.csv',
    ]);
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);

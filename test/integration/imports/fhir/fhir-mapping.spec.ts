import { listImportIssues } from '../../../../api/src/modules/imports/import-job-queries';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { removeTempDirs } from '../../../support/cli';
import { importFhirFiles } from './fhir-import-runs';
import { A81001_CHAIN, ODS, SCT, ndjson } from './fhir-resources';

const PATIENT = {
  resourceType: 'Patient',
  id: 'pat1',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
  gender: 'female',
  birthDate: '1950-04-02',
  extension: [
    { url: 'urn:pcsp-insights:extension:registration', extension: [{ url: 'practice', valueReference: { identifier: { system: ODS, value: 'A81001' } } }, { url: 'period', valuePeriod: { start: '2010-01-01' } }] },
  ],
};

describe('FHIR import of small hand-written resources', () => {
  jest.setTimeout(60_000);
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('pcsp_fhir_map');
  });
  afterEach(async () => {
    await database.drop();
  });
  const run = (files: Record<string, string>) => importFhirFiles(database, files);

  it('maps each resource to its row, converts DCCT %, counts unknown codes and skips unmapped types', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:plan-1', resource: { resourceType: 'CarePlan', id: 'plan1', status: 'active', intent: 'plan', category: [{ coding: [{ system: SCT, code: '1187911000000105' }] }], subject: { reference: 'Patient/pat1' }, author: { reference: 'Organization/A81001' }, created: '2025-01-01', period: { start: '2025-03-01', end: '2026-03-01' }, extension: [{ url: 'urn:pcsp-insights:extension:carer-involved', valueBoolean: true }] } },
        { resource: { resourceType: 'Procedure', id: 'rev1', status: 'completed', code: { coding: [{ system: SCT, code: '1187921000000104' }] }, subject: { reference: 'Patient/pat1' }, basedOn: [{ reference: 'urn:uuid:plan-1' }], performedDateTime: '2025-09-01T10:00:00Z' } },
        { resource: { resourceType: 'Condition', id: 'c1', code: { coding: [{ system: SCT, code: '44054006' }] }, subject: { reference: 'Patient/pat1' }, onsetDateTime: '2015-06-01' } },
        { resource: { resourceType: 'Condition', id: 'c2', code: { coding: [{ system: SCT, code: '22253000' }] }, subject: { reference: 'Patient/pat1' }, onsetDateTime: '2016-06-01' } },
        // No onset: diagnosed on the day it was recorded.
        { resource: { resourceType: 'Condition', id: 'c3', code: { coding: [{ system: SCT, code: '44054006' }] }, subject: { reference: 'Patient/pat1' }, recordedDate: '2018-02-03T09:30:00Z', abatementDateTime: '2020-01-01' } },
        { resource: { resourceType: 'Observation', id: 'o1', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }] }, subject: { reference: 'Patient/pat1' }, effectiveDateTime: '2025-05-05', valueQuantity: { value: 7.0, system: 'http://unitsofmeasure.org', code: '%' } } },
        { resource: { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' }, priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActPriority', code: 'EM' }] }, subject: { reference: 'Patient/pat1' }, period: { start: '2025-07-07' } } },
        { resource: { resourceType: 'Medication', id: 'm1' } },
      ],
    };
    const job = await run({ 'Organization.ndjson': ndjson(A81001_CHAIN), 'Patient.ndjson': ndjson([PATIENT]), 'bundle.json': JSON.stringify(bundle) });
    expect(job.status).toBe('succeeded');
    expect(job.fhir?.skippedTypes).toEqual({ Medication: 1 });
    expect(job.fhir?.unknownCodes).toEqual({ [`Condition ${SCT}|22253000`]: 1 });
    const q = (sql: string) => database.dataSource.query(sql);
    expect(await q(`SELECT code, level, parent_code FROM organisations ORDER BY code`)).toHaveLength(5);
    expect(await q(`SELECT sex, birth_date::text AS b FROM patients`)).toEqual([{ sex: 'F', b: '1950-04-02' }]);
    expect(await q(`SELECT practice_code, registered_on::text AS r FROM registrations`)).toEqual([{ practice_code: 'A81001', r: '2010-01-01' }]);
    // 44054006 is DM; 22253000 is in no code list. c3 has no onsetDateTime: its recordedDate's day.
    expect(await q(`SELECT condition, snomed_code, diagnosed_on::text AS d, resolved_on::text AS r FROM conditions ORDER BY diagnosed_on`)).toEqual([
      { condition: 'DM', snomed_code: '44054006', d: '2015-06-01', r: null },
      { condition: 'DM', snomed_code: '44054006', d: '2018-02-03', r: '2020-01-01' },
    ]);
    // period.start wins over created; the review names the plan through its fullUrl; carer from the extension.
    expect(await q(`SELECT plan_id, agreed_on::text AS a, review_due_on::text AS d, carer_involved FROM care_plans`)).toEqual([{ plan_id: 'plan1', a: '2025-03-01', d: '2026-03-01', carer_involved: true }]);
    expect(await q(`SELECT reviewed_on::text AS r FROM care_plan_reviews`)).toEqual([{ r: '2025-09-01' }]);
    // 7.0 % DCCT in IFCC: (7.0 - 2.15) × 10.929 = 53.006 → 53.0 mmol/mol.
    expect(await q(`SELECT code, value::float AS v FROM observations`)).toEqual([{ code: 'HBA1C', v: 53 }]);
    expect(await q(`SELECT admitted_on::text AS a, emergency FROM admissions`)).toEqual([{ a: '2025-07-07', emergency: true }]);
    // Importing the same files again changes nothing.
    const again = await run({ 'Organization.ndjson': ndjson(A81001_CHAIN), 'Patient.ndjson': ndjson([PATIENT]), 'bundle.json': JSON.stringify(bundle) });
    expect(again.files.reduce((n, f) => n + f.inserted + f.updated, 0)).toBe(0);
  });

  it('names the resource and path of a reference to nothing, a wrong unit and a bad date, and keeps nothing of those files', async () => {
    const job = await run({
      'Organization.ndjson': ndjson(A81001_CHAIN),
      'Patient.ndjson': ndjson([{ ...PATIENT, birthDate: '1950-02-30' }]),
      'Condition.ndjson': ndjson([{ resourceType: 'Condition', id: 'c9', code: { coding: [{ system: SCT, code: '44054006' }] }, subject: { reference: 'Patient/nobody' }, onsetDateTime: '2015-06-01' }]),
      'Observation.ndjson': ndjson([{ resourceType: 'Observation', id: 'o9', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, subject: { reference: 'Patient/pat1' }, effectiveDateTime: '2025-05-05', valueQuantity: { value: 120, code: 'mmol/L' } }]),
    });
    expect(job.status).toBe('failed');
    const issues = (await listImportIssues(database.dataSource, job.id, { limit: 50 })).items.filter((i) => i.severity === 'error');
    const shown = issues.map((i) => `${i.file}:${i.line} ${i.column}: ${i.rule}`).sort();
    expect(shown).toEqual([
      'Condition.ndjson:1 Condition.subject: Condition/c9: refers to no Patient of this import or an earlier one',
      'Observation.ndjson:1 Observation.valueQuantity.code: Observation/o9: the unit of http://loinc.org|8480-6 must be mm[Hg] (UCUM)',
      'Patient.ndjson:1 Patient.birthDate: Patient/pat1: is not a real date: February 1950 has 28 days',
      // The registration of the same Patient lands in registrations.csv, whose patient was rejected with patients.csv.
      'Patient.ndjson:1 Patient.identifier: Patient/pat1: unknown patient: not in patients.csv of this import or an earlier one (patients.csv of this import was rejected)',
      // ...and rejected before its checks ran: Patient.ndjson, which it is made from, has an error in patients.csv.
      'registrations.csv:null null: rejected because Patient.ndjson has errors: see patients.csv',
    ]);
    expect(await database.dataSource.query('SELECT count(*)::int AS n FROM patients')).toEqual([{ n: 0 }]);
    expect(await database.dataSource.query('SELECT count(*)::int AS n FROM conditions')).toEqual([{ n: 0 }]);
    expect(await database.dataSource.query('SELECT count(*)::int AS n FROM organisations')).toEqual([{ n: 5 }]);
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);

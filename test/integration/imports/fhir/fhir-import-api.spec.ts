import { randomBytes } from 'node:crypto';
import { ImportsService } from '../../../../api/src/modules/imports/imports.service';
import { createApiWorld, type ApiWorld } from '../../api/api-fixture';
import { LOINC, NHS, ODS, SCT, ndjson } from './fhir-resources';

/** A multipart/form-data body with one part per file. */
function multipart(files: Record<string, string>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----pcsp${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(files).flatMap(([name, content]) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(content),
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const atA81001 = { identifier: { system: ODS, value: 'A81001' } };
const patient = (id: string, nhsNumber: string) => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: NHS, value: nhsNumber }],
  gender: 'male',
  birthDate: '1948-03-03',
  extension: [{ url: 'urn:pcsp-insights:extension:registration', extension: [{ url: 'practice', valueReference: atA81001 }, { url: 'period', valuePeriod: { start: '2001-05-01' } }] }],
});

/** A collection Bundle: a plan of fhir-1 and its review, a condition, two observations (one of a code in no list) and two types the import skips. */
const BUNDLE = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { fullUrl: 'urn:uuid:plan-a', resource: { resourceType: 'CarePlan', id: 'plan-a', status: 'active', intent: 'plan', category: [{ coding: [{ system: SCT, code: '1187911000000105' }] }], subject: { reference: 'Patient/fhir-1' }, author: atA81001, period: { start: '2024-02-01' } } },
    { resource: { resourceType: 'Procedure', id: 'rev-a', status: 'completed', code: { coding: [{ system: SCT, code: '1187921000000104' }] }, subject: { reference: 'Patient/fhir-1' }, basedOn: [{ reference: 'urn:uuid:plan-a' }], performedDateTime: '2024-05-01' } },
    { resource: { resourceType: 'Condition', id: 'dm-b', code: { coding: [{ system: SCT, code: '44054006' }] }, subject: { reference: 'Patient/fhir-2' }, onsetDateTime: '2019-09-09' } },
    { resource: { resourceType: 'Observation', id: 'sbp-a', status: 'final', code: { coding: [{ system: LOINC, code: '8480-6' }] }, subject: { reference: 'Patient/fhir-1' }, effectiveDateTime: '2024-05-01', valueQuantity: { value: 138, code: 'mm[Hg]' } } },
    { resource: { resourceType: 'Observation', id: 'glu-a', status: 'final', code: { coding: [{ system: LOINC, code: '2345-7' }] }, subject: { reference: 'Patient/fhir-1' }, effectiveDateTime: '2024-05-01', valueQuantity: { value: 5.5, code: 'mmol/L' } } },
    { resource: { resourceType: 'Medication', id: 'm1' } },
    { resource: { resourceType: 'Practitioner', id: 'gp1' } },
  ],
};

interface JobDetail {
  id: string;
  status: string;
  errorCount: number;
  warningCount: number;
  files: { file: string; origin: string; status: string; inserted: number; updated: number }[];
  fhir: { resources: Record<string, number>; skippedTypes: Record<string, number>; unknownCodes: Record<string, number> } | null;
  issues: { total: number; items: { severity: string; file: string; column: string | null; value: string | null; rule: string }[] };
}

describe('POST /api/imports with FHIR NDJSON and a Bundle, then GET /api/imports/:id', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;
  beforeAll(async () => {
    world = await createApiWorld({}, { snapshot: false });
  });
  afterAll(async () => {
    await world?.close();
  });

  const upload = (files: Record<string, string>) => {
    const body = multipart(files);
    return world.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: world.cookie.admin } });
  };

  it('runs the FHIR import and reports resources per type, skipped types and unknown codes per code', async () => {
    const response = await upload({ 'Patient.ndjson': ndjson([patient('fhir-1', '9434765919'), patient('fhir-2', '4010232137')]), 'export.json': JSON.stringify(BUNDLE) });
    expect(response.statusCode).toBe(202);
    const queued = response.json<{ id: string; status: string }>();
    expect(queued.status).toBe('queued');

    // Poll as a client would, until the job is done.
    let job: JobDetail | undefined;
    for (let attempt = 0; attempt < 600; attempt++) {
      const polled = await world.get(`/api/imports/${queued.id}`, 'admin');
      expect(polled.statusCode).toBe(200);
      job = polled.json<JobDetail>();
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await world.app.get(ImportsService).idle();
    }
    // Told apart from a flat extract by its files (.ndjson, .json): recorded, and answered as the contract's summary says.
    expect(job).toMatchObject({ id: queued.id, status: 'succeeded', format: 'fhir', errorCount: 0 });
    expect(await world.database.dataSource.query(`SELECT format FROM import_jobs WHERE id = $1`, [queued.id])).toEqual([{ format: 'fhir' }]);
    // Read: 2 Patients, 1 CarePlan, 1 Procedure, 1 Condition, 2 Observations; Medication and Practitioner skipped
    // (one warning each); LOINC 2345-7 (glucose) is in no code list, so counted once under its code.
    expect(job?.fhir).toEqual({
      resources: { Patient: 2, CarePlan: 1, Procedure: 1, Condition: 1, Observation: 2 },
      skippedTypes: { Medication: 1, Practitioner: 1 },
      unknownCodes: { [`Observation ${LOINC}|2345-7`]: 1 },
    });
    expect(job?.warningCount).toBe(2);
    expect(job?.issues.items.map((i) => [i.severity, i.column, i.value, i.rule]).sort()).toEqual([
      ['warning', 'resourceType', 'Medication', '1 Medication resource skipped: the import maps only Organization, Patient, CarePlan, Condition, Encounter, Procedure, Observation'],
      ['warning', 'resourceType', 'Practitioner', '1 Practitioner resource skipped: the import maps only Organization, Patient, CarePlan, Condition, Encounter, Procedure, Observation'],
    ]);
    // The rows the resources became, into the API world's stored practice A81001: two patients with one
    // registration each, fhir-2's diabetes, fhir-1's plan, its review and the systolic reading (the glucose is not a contract observation).
    expect(job?.files.map((f) => [f.file, f.status, f.inserted, f.updated])).toEqual([
      ['patients.csv', 'applied', 2, 0],
      ['registrations.csv', 'applied', 2, 0],
      ['conditions.csv', 'applied', 1, 0],
      ['care_plans.csv', 'applied', 1, 0],
      ['care_plan_reviews.csv', 'applied', 1, 0],
      ['observations.csv', 'applied', 1, 0],
    ]);
    // Each named by the files as uploaded, not by the server's folder they were kept in.
    expect(new Set(job?.files.map((f) => f.origin))).toEqual(new Set(['FHIR: Patient.ndjson, export.json']));
    const rows = await world.database.dataSource.query(
      `SELECT c.plan_id, c.practice_code, c.agreed_on::text AS agreed, r.reviewed_on::text AS reviewed, o.code, o.value::float AS value
       FROM care_plans c JOIN care_plan_reviews r ON r.care_plan_id = c.id JOIN observations o ON o.patient_id = c.patient_id WHERE c.plan_id = 'plan-a'`,
    );
    expect(rows).toEqual([{ plan_id: 'plan-a', practice_code: 'A81001', agreed: '2024-02-01', reviewed: '2024-05-01', code: 'SBP', value: 138 }]);
  });
});

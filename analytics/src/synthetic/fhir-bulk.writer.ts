import type { DuckDBConnection } from '@duckdb/node-api';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FHIR_BULK_FILES, FHIR_BULK_SQL, type FhirBulkFile } from '../sql/synthetic-fhir.sql';
import { REGISTER_MODELS } from './synthetic-registers';

/*
 * The codes this writer uses, as a source system would pick them. The importer's code lists
 * (api/src/modules/fhir-import/code-lists) hold these and more; the CSV/FHIR equivalence test
 * checks that both imports give the same measures.
 */
const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const PATIENT_ID = 'urn:pcsp-insights:id:patient-id';
const ETHNIC_CATEGORY = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory';
const ETHNIC_CATEGORY_SYSTEM = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland';
const PLAN_AGREED = '1187911000000105';
const PLAN_REVIEW = '1187921000000104';
const PLANNING_DECLINED = '1325711000000103';
const SUMMARY_SENT = '862701000000104';
/** A census category of each ONS group (A White British, D White and Black Caribbean, H Indian, M Caribbean, S any other, Z not stated). */
const ETHNIC_CODE: Record<string, string> = { white: 'A', mixed: 'D', asian: 'H', black: 'M', other: 'S', unknown: 'Z' };
const GENDER: Record<string, string> = { F: 'female', M: 'male', I: 'other', U: 'unknown' };
const OBSERVATION_CODING: Record<string, { system: string; code: string; unit?: string }> = {
  PAM_LEVEL: { system: SNOMED, code: '962851000000103' },
  HBA1C: { system: SNOMED, code: '999791000000106', unit: 'mmol/mol' },
  PHQ9: { system: LOINC, code: '44261-6', unit: '{score}' },
  SBP: { system: LOINC, code: '8480-6', unit: 'mm[Hg]' },
};
const FIRST_SNOMED = new Map(REGISTER_MODELS.map((m) => [m.code, m.snomed[0]]));

type Row = Record<string, string | null>;
const patientRef = (id: string | null) => ({ reference: `Patient/p${id}` });
const coded = (system: string, code: string) => ({ coding: [{ system, code }] });

/** One resource of the file from one row; undefined leaves the row out. */
const RESOURCES: Record<FhirBulkFile, (row: Row) => object | undefined> = {
  Organization: (r) => ({
    resourceType: 'Organization',
    id: r.code,
    identifier: [{ system: ODS, value: r.code }],
    name: r.name,
    ...(r.parent_code ? { partOf: { reference: `Organization/${r.parent_code}` } } : {}),
  }),
  Patient: (r) => ({
    resourceType: 'Patient',
    id: `p${r.id}`,
    extension: [
      { url: ETHNIC_CATEGORY, valueCodeableConcept: coded(ETHNIC_CATEGORY_SYSTEM, ETHNIC_CODE[r.ethnic_group ?? 'unknown']) },
      ...(r.imd_quintile ? [{ url: 'urn:pcsp-insights:extension:imd-quintile', valueInteger: Number(r.imd_quintile) }] : []),
      ...(JSON.parse(r.registrations ?? '[]') as { practice: string; start: string; end: string | null }[]).map((g) => ({
        url: 'urn:pcsp-insights:extension:registration',
        extension: [
          { url: 'practice', valueReference: { reference: `Organization/${g.practice}` } },
          { url: 'period', valuePeriod: { start: g.start, ...(g.end ? { end: g.end } : {}) } },
        ],
      })),
    ],
    identifier: [{ system: PATIENT_ID, value: r.pseudonym }],
    gender: GENDER[r.sex ?? 'U'],
    birthDate: r.birth_date,
    ...(r.died_on ? { deceasedDateTime: r.died_on } : {}),
  }),
  CarePlan: (r) => ({
    resourceType: 'CarePlan',
    id: r.plan_id,
    ...(r.shared_on || r.carer_involved
      ? {
          extension: [
            ...(r.shared_on ? [{ url: 'urn:pcsp-insights:extension:plan-shared', valueDate: r.shared_on }] : []),
            ...(r.carer_involved ? [{ url: 'urn:pcsp-insights:extension:carer-involved', valueBoolean: r.carer_involved === 'true' }] : []),
          ],
        }
      : {}),
    status: 'active',
    intent: 'plan',
    category: [coded(SNOMED, PLAN_AGREED)],
    subject: patientRef(r.patient_id),
    period: { start: r.agreed_on, ...(r.review_due_on ? { end: r.review_due_on } : {}) },
    author: { reference: `Organization/${r.practice_code}` },
    ...(r.prepared_on ? { activity: [{ detail: { code: coded(SNOMED, SUMMARY_SENT), status: 'completed', scheduledPeriod: { start: r.prepared_on } } }] } : {}),
  }),
  Condition: (r) => ({
    resourceType: 'Condition',
    id: `c${r.id}`,
    code: coded(SNOMED, r.snomed_code ?? (FIRST_SNOMED.get(r.condition ?? '') as string)),
    subject: patientRef(r.patient_id),
    onsetDateTime: r.diagnosed_on,
    ...(r.resolved_on ? { abatementDateTime: r.resolved_on } : {}),
  }),
  Procedure: (r) => ({
    resourceType: 'Procedure',
    id: r.id,
    status: 'completed',
    code: coded(SNOMED, r.kind === 'review' ? PLAN_REVIEW : PLANNING_DECLINED),
    subject: patientRef(r.patient_id),
    ...(r.kind === 'review' ? { basedOn: [{ reference: `CarePlan/${r.plan_id}` }] } : {}),
    performedDateTime: r.on_day,
  }),
  Observation: (r) => {
    const coding = OBSERVATION_CODING[r.code ?? ''];
    return {
      resourceType: 'Observation',
      id: `o${r.id}`,
      status: 'final',
      code: coded(coding.system, coding.code),
      subject: patientRef(r.patient_id),
      effectiveDateTime: r.observed_on,
      valueQuantity: { value: Number(r.value), ...(coding.unit ? { system: UCUM, code: coding.unit } : {}) },
    };
  },
  Encounter: (r) => ({
    resourceType: 'Encounter',
    id: `a${r.id}`,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
    priority: coded('http://terminology.hl7.org/CodeSystem/v3-ActPriority', r.emergency === 'true' ? 'EM' : 'EL'),
    subject: patientRef(r.patient_id),
    period: { start: r.admitted_on },
  }),
};

/** Resources written to each NDJSON file. */
export type FhirBulkSummary = Record<`${FhirBulkFile}.ndjson`, number>;

/**
 * Writes the record tables on the connection as FHIR R4 NDJSON, one resource type a file as a
 * bulk `$export` writes them (reviews and adjustments as Procedures, admissions as Encounters):
 * the same population as the flat extract, for checking the two importers against each other.
 * Training has no FHIR resource and is not written.
 */
export async function writeFhirBulk(connection: DuckDBConnection, outDir: string): Promise<FhirBulkSummary> {
  const directory = resolve(outDir);
  await mkdir(directory, { recursive: true });
  const summary = {} as FhirBulkSummary;
  for (const file of FHIR_BULK_FILES) {
    const out = createWriteStream(join(directory, `${file}.ndjson`));
    const result = await connection.stream(FHIR_BULK_SQL[file]);
    const names = result.columnNames();
    let count = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const lines: string[] = [];
      for (const values of chunk.getRows()) {
        const row: Row = {};
        names.forEach((name, i) => {
          row[name] = values[i] === null ? null : String(values[i]);
        });
        const resource = RESOURCES[file](row);
        if (resource) lines.push(JSON.stringify(resource));
      }
      count += lines.length;
      if (lines.length && !out.write(`${lines.join('\n')}\n`)) await new Promise<void>((resume) => out.once('drain', () => resume()));
    }
    await new Promise<void>((done, fail) => {
      out.once('error', fail);
      out.end(() => done());
    });
    summary[`${file}.ndjson`] = count;
  }
  return summary;
}

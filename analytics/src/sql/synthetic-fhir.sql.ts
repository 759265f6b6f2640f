/*
 * The record tables read for the FHIR writer (synthetic/fhir-bulk.writer.ts): one query per NDJSON
 * file, every column as text (dates YYYY-MM-DD, NULL as NULL), rows in a fixed order so that a
 * seed gives byte-identical files.
 */

const day = (column: string): string => `strftime(${column}, '%Y-%m-%d')`;

export const FHIR_BULK_FILES = ['Organization', 'Patient', 'CarePlan', 'Condition', 'Procedure', 'Observation', 'Encounter'] as const;
export type FhirBulkFile = (typeof FHIR_BULK_FILES)[number];

/** The rows each NDJSON file is written from. */
export const FHIR_BULK_SQL: Record<FhirBulkFile, string> = {
  Organization: `SELECT code, name, level, parent_code FROM organisations
ORDER BY CASE level WHEN 'region' THEN 0 WHEN 'icb' THEN 1 WHEN 'sub_icb' THEN 2 WHEN 'pcn' THEN 3 ELSE 4 END, code`,
  Patient: `SELECT p.id::VARCHAR AS id, p.pseudonym, ${day('p.birth_date')} AS birth_date, p.sex, p.ethnic_group, p.imd_quintile::VARCHAR AS imd_quintile,
  ${day('p.died_on')} AS died_on,
  (SELECT to_json(list({'practice': r.practice_code, 'start': ${day('r.registered_on')}, 'end': ${day('r.deregistered_on')}} ORDER BY r.registered_on, r.id))::VARCHAR
     FROM registrations r WHERE r.patient_id = p.id) AS registrations
FROM patients p ORDER BY p.id`,
  CarePlan: `SELECT plan_id, patient_id::VARCHAR AS patient_id, practice_code, ${day('agreed_on')} AS agreed_on, ${day('review_due_on')} AS review_due_on,
  ${day('prepared_on')} AS prepared_on, ${day('shared_on')} AS shared_on, carer_involved::VARCHAR AS carer_involved
FROM care_plans ORDER BY id`,
  Condition: `SELECT id::VARCHAR AS id, patient_id::VARCHAR AS patient_id, condition, snomed_code, ${day('diagnosed_on')} AS diagnosed_on, ${day('resolved_on')} AS resolved_on
FROM conditions ORDER BY id`,
  Procedure: `SELECT 'review-' || r.id AS id, c.patient_id::VARCHAR AS patient_id, 'review' AS kind, c.plan_id, ${day('r.reviewed_on')} AS on_day
FROM care_plan_reviews r JOIN care_plans c ON c.id = r.care_plan_id
UNION ALL
SELECT 'pca-' || a.id, a.patient_id::VARCHAR, 'declined', NULL, ${day('a.recorded_on')}
FROM care_plan_adjustments a
ORDER BY 1`,
  Observation: `SELECT id::VARCHAR AS id, patient_id::VARCHAR AS patient_id, code, value::VARCHAR AS value, ${day('observed_on')} AS observed_on FROM observations ORDER BY id`,
  Encounter: `SELECT id::VARCHAR AS id, patient_id::VARCHAR AS patient_id, ${day('admitted_on')} AS admitted_on, emergency::VARCHAR AS emergency FROM admissions ORDER BY id`,
};

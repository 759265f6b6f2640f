import { REGISTER_MODELS } from '../synthetic/synthetic-registers';
import { FLAT_EXTRACT_FILES, type PatientIdentity } from './synthetic-extract.sql';

/*
 * Every row rule of data-contract.md as a count of the rows of a written flat extract that break
 * it, read back as text. Used by the generator's tests: a clean extract has no violations, a
 * dirty one exactly its deliberately broken rows.
 */

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const view = (file: string): string => `x_${file.replace('.csv', '')}`;

/** Temporary views x_<file> over the CSV files of a folder, every column as text (empty = NULL). */
export const readFlatExtractSql = (directory: string): string =>
  FLAT_EXTRACT_FILES.map(
    (file) =>
      `CREATE OR REPLACE TEMP VIEW ${view(file)} AS SELECT * FROM read_csv(${quote(`${directory}/${file}`)}, header = true, all_varchar = true, auto_detect = true);`,
  ).join('\n');

const isDate = (column: string): string =>
  `(regexp_full_match(${column}, '\\d{4}-\\d{2}-\\d{2}') AND try_strptime(${column}, '%Y-%m-%d') IS NOT NULL)`;
const asDate = (column: string): string => `try_strptime(${column}, '%Y-%m-%d')::DATE`;
/** A date of the contract that is also sensible: from 1900 to the end of the period. */
const goodDate = (column: string): string =>
  `(${isDate(column)} AND ${asDate(column)} BETWEEN DATE '1900-01-01' AND getvariable('check_end'))`;
const optionalDate = (column: string): string => `(${column} IS NULL OR ${goodDate(column)})`;
/** Order of two dates, not judged where either is missing or invalid (their own rules count those). */
const after = (later: string, operator: '>' | '>=', earlier: string): string =>
  `coalesce(${asDate(later)} ${operator} ${asDate(earlier)}, true)`;

/** Modulus 11: weights 10 to 2 on the first nine digits; 11 − (sum mod 11), 11 → 0, 10 invalid. */
const nhsNumberValid = (column: string): string => `(regexp_full_match(${column}, '\\d{10}') AND
  (11 - list_sum([substr(${column}, i, 1)::INTEGER * (11 - i) FOR i IN range(1, 10)]) % 11) % 11
    = substr(${column}, 10, 1)::INTEGER)`;

const identityValid = (identity: PatientIdentity, column: string): string =>
  identity === 'nhs_number' ? nhsNumberValid(column) : `regexp_full_match(${column}, '[A-Za-z0-9_-]{1,64}')`;

const knownPatient = (identity: PatientIdentity, file: string): string =>
  `(SELECT count(*) FROM ${view(file)} x WHERE NOT EXISTS (SELECT 1 FROM x_patients p WHERE p.${identity} = x.${identity}))`;

const knownPractice = (file: string): string =>
  `(SELECT count(*) FROM ${view(file)} x WHERE NOT EXISTS (SELECT 1 FROM x_practices p WHERE p.practice_code = x.practice_code))`;

/** Rows beyond the first of each natural key (the importer's upsert keys: a repeat is a duplicate-key error). */
const duplicates = (file: string, columns: string): string =>
  `(SELECT count(*) - count(DISTINCT (${columns})) FROM ${view(file)})`;

const count = (file: string, condition: string): string => `(SELECT count(*) FROM ${view(file)} WHERE NOT coalesce(${condition}, false))`;

/**
 * One row per (file, rule) with the number of violating rows; needs readFlatExtractSql first and
 * `SET VARIABLE check_end = DATE '<last day of the period>'`.
 */
export function contractViolationsSql(identity: PatientIdentity): string {
  const id = identity;
  const rules: [string, string, string][] = [
    ['practices.csv', 'practice_code format', count('practices.csv', `regexp_full_match(practice_code, '[A-Z]\\d{5}')`)],
    ['practices.csv', 'practice_code unique', `(SELECT count(*) - count(DISTINCT practice_code) FROM x_practices)`],
    ['practices.csv', 'names present', count('practices.csv', `practice_name <> '' AND pcn_name <> '' AND sub_icb_name <> '' AND icb_name <> '' AND region_name <> ''`)],
    ['practices.csv', 'pcn_code format', count('practices.csv', `regexp_full_match(pcn_code, 'U\\d{5}')`)],
    ['practices.csv', 'sub_icb_code format', count('practices.csv', `regexp_full_match(sub_icb_code, '[0-9A-Z]{3}')`)],
    ['practices.csv', 'icb_code format', count('practices.csv', `regexp_full_match(icb_code, 'Q[0-9A-Z]{2}')`)],
    ['practices.csv', 'region_code format', count('practices.csv', `regexp_full_match(region_code, 'Y\\d{2}')`)],

    ['patients.csv', 'identity valid', count('patients.csv', identityValid(identity, id))],
    ['patients.csv', 'identity unique', `(SELECT count(*) - count(DISTINCT ${id}) FROM x_patients)`],
    ['patients.csv', 'birth_date', count('patients.csv', goodDate('birth_date'))],
    ['patients.csv', 'sex', count('patients.csv', `sex IN ('F', 'M', 'I', 'U')`)],
    ['patients.csv', 'ethnic_group', count('patients.csv', `ethnic_group IN ('white', 'mixed', 'asian', 'black', 'other', 'unknown')`)],
    ['patients.csv', 'imd_quintile', count('patients.csv', `imd_quintile IS NULL OR imd_quintile IN ('1', '2', '3', '4', '5')`)],
    ['patients.csv', 'died_on', count('patients.csv', `${optionalDate('died_on')} AND (died_on IS NULL OR died_on >= birth_date)`)],

    ['registrations.csv', 'patient known', knownPatient(identity, 'registrations.csv')],
    ['registrations.csv', 'practice known', knownPractice('registrations.csv')],
    ['registrations.csv', 'natural key unique', duplicates('registrations.csv', `${identity}, practice_code, registered_on`)],
    ['registrations.csv', 'registered_on', count('registrations.csv', goodDate('registered_on'))],
    ['registrations.csv', 'deregistered_on after registered_on', count('registrations.csv',
      `${optionalDate('deregistered_on')} AND ${after('deregistered_on', '>', 'registered_on')}`)],

    ['conditions.csv', 'patient known', knownPatient(identity, 'conditions.csv')],
    ['conditions.csv', 'natural key unique', duplicates('conditions.csv', `${identity}, condition, diagnosed_on`)],
    ['conditions.csv', 'condition register', count('conditions.csv', `condition IN (${REGISTER_MODELS.map((model) => quote(model.code)).join(', ')})`)],
    ['conditions.csv', 'snomed_code', count('conditions.csv', `snomed_code IS NULL OR regexp_full_match(snomed_code, '\\d{6,18}')`)],
    ['conditions.csv', 'diagnosed_on', count('conditions.csv', goodDate('diagnosed_on'))],
    ['conditions.csv', 'resolved_on on or after diagnosed_on', count('conditions.csv',
      `${optionalDate('resolved_on')} AND ${after('resolved_on', '>=', 'diagnosed_on')}`)],

    ['care_plans.csv', 'plan_id format', count('care_plans.csv', `length(plan_id) BETWEEN 1 AND 64`)],
    ['care_plans.csv', 'plan_id unique', `(SELECT count(*) - count(DISTINCT plan_id) FROM x_care_plans)`],
    ['care_plans.csv', 'patient known', knownPatient(identity, 'care_plans.csv')],
    ['care_plans.csv', 'practice known', knownPractice('care_plans.csv')],
    ['care_plans.csv', 'agreed_on', count('care_plans.csv', goodDate('agreed_on'))],
    ['care_plans.csv', 'review_due_on after agreed_on', count('care_plans.csv',
      `(review_due_on IS NULL OR ${isDate('review_due_on')}) AND ${after('review_due_on', '>', 'agreed_on')}`)],
    ['care_plans.csv', 'prepared_on', count('care_plans.csv', optionalDate('prepared_on'))],
    ['care_plans.csv', 'shared_on', count('care_plans.csv', optionalDate('shared_on'))],
    ['care_plans.csv', 'carer_involved', count('care_plans.csv', `carer_involved IS NULL OR carer_involved IN ('true', 'false')`)],

    ['care_plan_reviews.csv', 'plan known', `(SELECT count(*) FROM x_care_plan_reviews r WHERE NOT EXISTS (SELECT 1 FROM x_care_plans c WHERE c.plan_id = r.plan_id))`],
    ['care_plan_reviews.csv', 'natural key unique', duplicates('care_plan_reviews.csv', 'plan_id, reviewed_on')],
    ['care_plan_reviews.csv', 'reviewed_on', count('care_plan_reviews.csv', goodDate('reviewed_on'))],
    ['care_plan_reviews.csv', 'reviewed_on on or after agreed_on', `(SELECT count(*) FROM x_care_plan_reviews r
      WHERE EXISTS (SELECT 1 FROM x_care_plans c WHERE c.plan_id = r.plan_id AND ${asDate('r.reviewed_on')} < ${asDate('c.agreed_on')}))`],

    ['care_plan_adjustments.csv', 'patient known', knownPatient(identity, 'care_plan_adjustments.csv')],
    ['care_plan_adjustments.csv', 'row unique', duplicates('care_plan_adjustments.csv', `${identity}, recorded_on, reason`)],
    ['care_plan_adjustments.csv', 'recorded_on', count('care_plan_adjustments.csv', goodDate('recorded_on'))],
    ['care_plan_adjustments.csv', 'reason', count('care_plan_adjustments.csv', `reason IN ('declined', 'unsuitable', 'no_response', 'service_unavailable')`)],

    ['observations.csv', 'patient known', knownPatient(identity, 'observations.csv')],
    ['observations.csv', 'row unique', duplicates('observations.csv', `${identity}, code, observed_on, try_cast(value AS DOUBLE)`)],
    ['observations.csv', 'value within its range', count('observations.csv', `try_cast(value AS DOUBLE) BETWEEN
      CASE code WHEN 'PAM_LEVEL' THEN 1 WHEN 'HBA1C' THEN 20 WHEN 'PHQ9' THEN 0 WHEN 'SBP' THEN 50 END AND
      CASE code WHEN 'PAM_LEVEL' THEN 4 WHEN 'HBA1C' THEN 200 WHEN 'PHQ9' THEN 27 WHEN 'SBP' THEN 300 END`)],
    ['observations.csv', 'observed_on', count('observations.csv', goodDate('observed_on'))],

    ['admissions.csv', 'patient known', knownPatient(identity, 'admissions.csv')],
    ['admissions.csv', 'row unique', duplicates('admissions.csv', `${identity}, admitted_on, emergency`)],
    ['admissions.csv', 'admitted_on', count('admissions.csv', goodDate('admitted_on'))],
    ['admissions.csv', 'emergency', count('admissions.csv', `emergency IN ('true', 'false')`)],

    ['training.csv', 'practice known', knownPractice('training.csv')],
    ['training.csv', 'row unique', duplicates('training.csv', 'practice_code, trained_on, programme, staff_trained')],
    ['training.csv', 'trained_on', count('training.csv', goodDate('trained_on'))],
    ['training.csv', 'programme', count('training.csv', `programme <> ''`)],
    ['training.csv', 'staff_trained', count('training.csv', `regexp_full_match(staff_trained, '\\d+') AND staff_trained::INTEGER >= 1`)],
  ];
  return rules.map(([file, rule, violations]) => `SELECT '${file}' AS file, '${rule}' AS rule, ${violations} AS violations`).join('\nUNION ALL ');
}

const registeredAt = (month: string): string => `
  SELECT r.patient_id, arg_max(r.practice_code, r.registered_on) AS practice_code
  FROM registrations r JOIN patients p ON p.id = r.patient_id
  WHERE r.registered_on <= ${month} AND (r.deregistered_on IS NULL OR r.deregistered_on > ${month})
    AND (p.died_on IS NULL OR p.died_on > ${month})
  GROUP BY r.patient_id`;

const onRegisterAt = (month: string): string => `
  SELECT patient_id, count(DISTINCT condition) AS registers FROM conditions
  WHERE diagnosed_on <= ${month} AND (resolved_on IS NULL OR resolved_on > ${month})
  GROUP BY patient_id`;

/** Registered patients, those on an LTC register and those on two or more, by age band at `check_end` (record tables). */
export const PREVALENCE_BY_AGE_SQL = `
WITH registered AS (${registeredAt(`getvariable('check_end')`)}),
ltc AS (${onRegisterAt(`getvariable('check_end')`)}),
aged AS (
  SELECT p.id, date_diff('year', p.birth_date, getvariable('check_end')) AS age
  FROM patients p JOIN registered r ON r.patient_id = p.id
)
SELECT CASE WHEN age < 18 THEN '0-17' WHEN age < 40 THEN '18-39' WHEN age < 65 THEN '40-64' WHEN age < 80 THEN '65-79' ELSE '80+' END AS band,
  count(*) AS registered, count(l.patient_id) AS on_register, count(*) FILTER (WHERE l.registers >= 2) AS multimorbid
FROM aged a LEFT JOIN ltc l ON l.patient_id = a.id
GROUP BY band ORDER BY band`;

/**
 * LTC patients with a plan agreed in the 12 months to each month end from `check_first` to
 * `check_end`, by whether their practice had been trained by then ('after'), was trained later
 * ('before') or never ('never').
 */
export const UPTAKE_BY_TRAINING_SQL = `
WITH months AS (
  SELECT (last_day(getvariable('check_first') + INTERVAL (k) MONTH))::DATE AS m
  FROM range(date_diff('month', getvariable('check_first'), getvariable('check_end')) + 1) r(k)
), trained AS (SELECT practice_code, min(trained_on) AS trained_on FROM training GROUP BY practice_code),
population AS (
  SELECT m.m, r.patient_id, arg_max(r.practice_code, r.registered_on) AS practice_code
  FROM months m JOIN registrations r ON r.registered_on <= m.m AND (r.deregistered_on IS NULL OR r.deregistered_on > m.m)
  JOIN patients p ON p.id = r.patient_id AND (p.died_on IS NULL OR p.died_on > m.m)
  WHERE EXISTS (SELECT 1 FROM conditions c WHERE c.patient_id = r.patient_id AND c.diagnosed_on <= m.m
    AND (c.resolved_on IS NULL OR c.resolved_on > m.m))
  GROUP BY m.m, r.patient_id
)
SELECT CASE WHEN t.trained_on IS NULL THEN 'never' WHEN t.trained_on <= x.m THEN 'after' ELSE 'before' END AS phase,
  count(*) AS patient_months,
  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM care_plans c WHERE c.patient_id = x.patient_id
    AND c.agreed_on > (x.m - INTERVAL 12 MONTH)::DATE AND c.agreed_on <= x.m)) AS with_plan
FROM population x LEFT JOIN trained t USING (practice_code)
GROUP BY phase ORDER BY phase`;

/** Organisations by level (record table). */
export const ORGANISATION_LEVEL_COUNTS_SQL = `SELECT level, count(*) AS n FROM organisations GROUP BY level ORDER BY level`;

/** Smallest and largest number of registrations of a practice (record table). */
export const LIST_SIZE_RANGE_SQL = `
SELECT min(n) AS smallest, max(n) AS largest FROM (SELECT practice_code, count(*) AS n FROM registrations GROUP BY practice_code)`;

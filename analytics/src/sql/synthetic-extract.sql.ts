/*
 * The flat extract of data-contract.md written from the record tables by `COPY ... TO`: every
 * column as text (dates YYYY-MM-DD, booleans true/false, NULL empty), one identity column per
 * patient-level file, rows in a fixed order so that a seed gives byte-identical files. With a
 * dirty fraction, deliberately broken copies of some rows are added, one kind per file.
 */

export type PatientIdentity = 'patient_id' | 'nhs_number';

export const FLAT_EXTRACT_FILES = [
  'practices.csv',
  'patients.csv',
  'registrations.csv',
  'conditions.csv',
  'care_plans.csv',
  'care_plan_reviews.csv',
  'care_plan_adjustments.csv',
  'observations.csv',
  'admissions.csv',
  'training.csv',
] as const;
export type FlatExtractFile = (typeof FLAT_EXTRACT_FILES)[number];

/** The contract's columns of each file; `identity` stands for `patient_id` or `nhs_number`. */
export const FLAT_EXTRACT_COLUMNS: Record<FlatExtractFile, readonly string[]> = {
  'practices.csv': [
    'practice_code', 'practice_name', 'pcn_code', 'pcn_name', 'sub_icb_code', 'sub_icb_name',
    'icb_code', 'icb_name', 'region_code', 'region_name',
  ],
  'patients.csv': ['identity', 'birth_date', 'sex', 'ethnic_group', 'imd_quintile', 'died_on'],
  'registrations.csv': ['identity', 'practice_code', 'registered_on', 'deregistered_on'],
  'conditions.csv': ['identity', 'condition', 'snomed_code', 'diagnosed_on', 'resolved_on'],
  'care_plans.csv': [
    'plan_id', 'identity', 'practice_code', 'agreed_on', 'review_due_on', 'prepared_on', 'shared_on', 'carer_involved',
  ],
  'care_plan_reviews.csv': ['plan_id', 'reviewed_on'],
  'care_plan_adjustments.csv': ['identity', 'recorded_on', 'reason'],
  'observations.csv': ['identity', 'code', 'value', 'observed_on'],
  'admissions.csv': ['identity', 'admitted_on', 'emergency'],
  'training.csv': ['practice_code', 'trained_on', 'programme', 'staff_trained'],
};

/** The ways rows are broken when a dirty fraction is asked for, and the file each kind goes to. */
export const DIRTY_KINDS = [
  { kind: 'bad_identity', file: 'patients.csv', what: 'NHS number with a wrong check digit (or a patient_id with a forbidden character)' },
  { kind: 'impossible_date', file: 'registrations.csv', what: 'registered_on on 30 February' },
  { kind: 'unknown_practice', file: 'registrations.csv', what: 'practice_code of no practice (Z + 5 digits)' },
  { kind: 'unknown_register', file: 'conditions.csv', what: 'condition OB (obesity), not a contract register' },
  { kind: 'duplicate_key', file: 'care_plans.csv', what: 'a second row with the same plan_id' },
  { kind: 'review_before_plan', file: 'care_plan_reviews.csv', what: 'reviewed_on before the plan was agreed' },
  { kind: 'out_of_range', file: 'observations.csv', what: 'value outside the range of its code' },
  { kind: 'future_date', file: 'admissions.csv', what: 'admitted_on after the end of the period' },
] as const;
export type DirtyKind = (typeof DIRTY_KINDS)[number]['kind'];

/** NHS numbers come from the 999 test range: 10^6 nine-digit stems less those whose check digit would be 10. */
export const NHS_NUMBER_CAPACITY = 909_091;

const day = (column: string): string => `strftime(${column}, '%Y-%m-%d')`;
const flag = (column: string): string => `CASE WHEN ${column} THEN 'true' WHEN NOT ${column} THEN 'false' END`;
const dirtyPick = (key: string, table: string, kind: DirtyKind): string =>
  `(syn_u(${key}, 'dirty:${kind}') < getvariable('syn_dirty') OR ${key} = (SELECT min(id) FROM ${table}))`;

/**
 * The temporary `syn_identities(patient_id, identity)`: the pseudonym, or an NHS number from the
 * 999 test range with a valid Modulus 11 check digit, assigned to patients in a seeded order.
 */
export const createIdentitiesSql = (identity: PatientIdentity): string =>
  identity === 'patient_id'
    ? `CREATE OR REPLACE TEMP VIEW syn_identities AS SELECT id AS patient_id, pseudonym AS identity FROM patients;`
    : `
CREATE OR REPLACE TEMP TABLE syn_nhs_numbers AS
WITH checked AS (
  -- digits 9, 9, 9 weigh 10, 9, 8 (243); the six free digits weigh 7 to 2
  SELECT b, 11 - (243 + 7 * (b // 100000) + 6 * (b // 10000 % 10) + 5 * (b // 1000 % 10)
    + 4 * (b // 100 % 10) + 3 * (b // 10 % 10) + 2 * (b % 10)) % 11 AS check_digit
  FROM range(1000000) r(b)
), valid AS (
  SELECT (999000000 + b)::VARCHAR || (check_digit % 11)::VARCHAR AS nhs_number,
    row_number() OVER (ORDER BY syn_h(b, 'nhs_number'), b) AS position
  FROM checked WHERE check_digit <> 10
)
SELECT p.id AS patient_id, v.nhs_number AS identity
FROM (SELECT id, row_number() OVER (ORDER BY id) AS position FROM patients) p
JOIN valid v USING (position);
CREATE OR REPLACE TEMP VIEW syn_identities AS SELECT * FROM syn_nhs_numbers;`;

/** A broken identity: the NHS number with another last digit, or the pseudonym with a '#'. */
const brokenIdentity = (identity: PatientIdentity, key: string): string =>
  identity === 'nhs_number'
    ? `left(i.identity, 9) || ((right(i.identity, 1)::INTEGER + 1 + (syn_h(${key}, 'dirty:digit') % 9)::INTEGER) % 10)::VARCHAR`
    : `i.identity || '#'`;

interface FileQuery {
  clean: string;
  dirty: string[];
}

const fileQueries = (identity: PatientIdentity): Record<FlatExtractFile, FileQuery> => ({
  'practices.csv': {
    clean: `
SELECT p.code, p.name, n.code, n.name, s.code, s.name, i.code, i.name, r.code, r.name, p.code AS sort_key, 0 AS sort_kind
FROM organisations p
LEFT JOIN organisations n ON n.code = p.parent_code AND n.level = 'pcn'
LEFT JOIN organisations s ON s.code = n.parent_code AND s.level = 'sub_icb'
LEFT JOIN organisations i ON i.code = s.parent_code AND i.level = 'icb'
LEFT JOIN organisations r ON r.code = i.parent_code AND r.level = 'region'
WHERE p.level = 'practice'`,
    dirty: [],
  },
  'patients.csv': {
    clean: `
SELECT i.identity, ${day('p.birth_date')}, p.sex, p.ethnic_group, p.imd_quintile::VARCHAR, ${day('p.died_on')}, p.id AS sort_key, 0 AS sort_kind
FROM patients p JOIN syn_identities i ON i.patient_id = p.id`,
    dirty: [
      `
SELECT ${brokenIdentity(identity, 'p.id')}, ${day('p.birth_date')}, p.sex, p.ethnic_group, p.imd_quintile::VARCHAR, ${day('p.died_on')}, p.id, 1
FROM patients p JOIN syn_identities i ON i.patient_id = p.id
WHERE ${dirtyPick('p.id', 'patients', 'bad_identity')}`,
    ],
  },
  'registrations.csv': {
    clean: `
SELECT i.identity, r.practice_code, ${day('r.registered_on')}, ${day('r.deregistered_on')}, r.id AS sort_key, 0 AS sort_kind
FROM registrations r JOIN syn_identities i ON i.patient_id = r.patient_id`,
    dirty: [
      `
SELECT i.identity, r.practice_code, year(r.registered_on)::VARCHAR || '-02-30', ${day('r.deregistered_on')}, r.id, 1
FROM registrations r JOIN syn_identities i ON i.patient_id = r.patient_id
WHERE ${dirtyPick('r.id', 'registrations', 'impossible_date')}`,
      `
SELECT i.identity, 'Z' || lpad((syn_h(r.id, 'dirty:practice_code') % 100000)::VARCHAR, 5, '0'),
  ${day('r.registered_on')}, ${day('r.deregistered_on')}, r.id, 2
FROM registrations r JOIN syn_identities i ON i.patient_id = r.patient_id
WHERE ${dirtyPick('r.id', 'registrations', 'unknown_practice')}`,
    ],
  },
  'conditions.csv': {
    clean: `
SELECT i.identity, c.condition, c.snomed_code, ${day('c.diagnosed_on')}, ${day('c.resolved_on')}, c.id AS sort_key, 0 AS sort_kind
FROM conditions c JOIN syn_identities i ON i.patient_id = c.patient_id`,
    dirty: [
      `
SELECT i.identity, 'OB', NULL, ${day('c.diagnosed_on')}, NULL, c.id, 1
FROM conditions c JOIN syn_identities i ON i.patient_id = c.patient_id
WHERE ${dirtyPick('c.id', 'conditions', 'unknown_register')}`,
    ],
  },
  'care_plans.csv': {
    clean: `
SELECT c.plan_id, i.identity, c.practice_code, ${day('c.agreed_on')}, ${day('c.review_due_on')}, ${day('c.prepared_on')},
  ${day('c.shared_on')}, ${flag('c.carer_involved')}, c.id AS sort_key, 0 AS sort_kind
FROM care_plans c JOIN syn_identities i ON i.patient_id = c.patient_id`,
    dirty: [
      `
SELECT c.plan_id, i.identity, c.practice_code, ${day('c.agreed_on')}, ${day('c.review_due_on')}, ${day('c.prepared_on')},
  ${day('c.shared_on')}, ${flag('c.carer_involved')}, c.id, 1
FROM care_plans c JOIN syn_identities i ON i.patient_id = c.patient_id
WHERE ${dirtyPick('c.id', 'care_plans', 'duplicate_key')}`,
    ],
  },
  'care_plan_reviews.csv': {
    clean: `
SELECT c.plan_id, ${day('r.reviewed_on')}, r.id AS sort_key, 0 AS sort_kind
FROM care_plan_reviews r JOIN care_plans c ON c.id = r.care_plan_id`,
    dirty: [
      // review ids are plan id * 4 + 0 or 1, so plan id * 4 + 3 sorts the bad review beside its plan's
      `
SELECT c.plan_id, ${day(`c.agreed_on - 1 - syn_days(syn_u(c.id, 'dirty:review_days') * 30)`)}, c.id * 4 + 3, 1
FROM care_plans c
WHERE ${dirtyPick('c.id', 'care_plans', 'review_before_plan')}`,
    ],
  },
  'care_plan_adjustments.csv': {
    clean: `
SELECT i.identity, ${day('a.recorded_on')}, a.reason, a.id AS sort_key, 0 AS sort_kind
FROM care_plan_adjustments a JOIN syn_identities i ON i.patient_id = a.patient_id`,
    dirty: [],
  },
  'observations.csv': {
    clean: `
SELECT i.identity, o.code,
  CASE WHEN o.value = trunc(o.value) THEN o.value::BIGINT::VARCHAR ELSE o.value::VARCHAR END,
  ${day('o.observed_on')}, o.id AS sort_key, 0 AS sort_kind
FROM observations o JOIN syn_identities i ON i.patient_id = o.patient_id`,
    dirty: [
      `
SELECT i.identity, o.code,
  CASE o.code WHEN 'PAM_LEVEL' THEN '5' WHEN 'HBA1C' THEN '250' WHEN 'PHQ9' THEN '30' ELSE '400' END,
  ${day('o.observed_on')}, o.id, 1
FROM observations o JOIN syn_identities i ON i.patient_id = o.patient_id
WHERE ${dirtyPick('o.id', 'observations', 'out_of_range')}`,
    ],
  },
  'admissions.csv': {
    clean: `
SELECT i.identity, ${day('a.admitted_on')}, ${flag('a.emergency')}, a.id AS sort_key, 0 AS sort_kind
FROM admissions a JOIN syn_identities i ON i.patient_id = a.patient_id`,
    dirty: [
      `
SELECT i.identity, ${day(`getvariable('syn_end') + 1 + syn_days(syn_u(a.id, 'dirty:future_days') * 180)`)}, ${flag('a.emergency')}, a.id, 1
FROM admissions a JOIN syn_identities i ON i.patient_id = a.patient_id
WHERE ${dirtyPick('a.id', 'admissions', 'future_date')}`,
    ],
  },
  'training.csv': {
    clean: `
SELECT practice_code, ${day('trained_on')}, programme, staff_trained::VARCHAR, id AS sort_key, 0 AS sort_kind
FROM training`,
    dirty: [],
  },
});

const quotePath = (path: string): string => `'${path.replaceAll("'", "''")}'`;

/**
 * `COPY` of one file of the extract to `path`, with the contract's header; dirty rows are
 * included when `dirty` is true (the fraction is the session variable syn_dirty).
 */
export function copyFlatExtractFileSql(file: FlatExtractFile, path: string, identity: PatientIdentity, dirty: boolean): string {
  const query = fileQueries(identity)[file];
  const header = FLAT_EXTRACT_COLUMNS[file].map((column) => (column === 'identity' ? identity : column));
  const parts = [query.clean, ...(dirty ? query.dirty : [])];
  const positional = header.map((column, index) => `column${index} AS "${column}"`).join(', ');
  const renamed = `(${parts.join('\nUNION ALL')}) AS rows(${header.map((_, index) => `column${index}`).join(', ')}, sort_key, sort_kind)`;
  return `COPY (SELECT ${positional} FROM ${renamed} ORDER BY sort_key, sort_kind) TO ${quotePath(path)} (FORMAT csv, HEADER true)`;
}

/** The generation's seed, dirty fraction and end date, if the tables came from the generator. */
export const READ_GENERATION_INFO_SQL = `
SELECT seed, dirty, strftime(end_date, '%Y-%m-%d') AS end_date FROM synthetic.generation`;

export const HAS_GENERATION_INFO_SQL = `
SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'synthetic' AND table_name = 'generation' AND NOT temporary`;

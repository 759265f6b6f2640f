/**
 * The record tables as the analytics engine sees them: the same names, columns and meaning as
 * the Postgres system of record (api/src/database), copied into DuckDB by the snapshot refresh
 * and written directly by the synthetic generator's `--format duckdb`.
 *
 * Patients are keyed by a surrogate integer `patient_id` (Postgres `patients.id`), plans by a
 * surrogate `care_plan_id` (Postgres `care_plans.id`): integers join far faster than the
 * 64-character pseudonyms at national scale.
 */
export const RECORD_TABLE_NAMES = [
  'organisations',
  'patients',
  'registrations',
  'conditions',
  'care_plans',
  'care_plan_reviews',
  'care_plan_adjustments',
  'observations',
  'admissions',
  'training',
] as const;

export type RecordTableName = (typeof RECORD_TABLE_NAMES)[number];

/** Column lists in table order; the snapshot copy and the generator both rely on this order. */
export const RECORD_TABLE_COLUMNS: Record<RecordTableName, readonly string[]> = {
  organisations: ['code', 'name', 'level', 'parent_code'],
  patients: ['id', 'pseudonym', 'birth_date', 'sex', 'ethnic_group', 'imd_quintile', 'died_on'],
  registrations: ['id', 'patient_id', 'practice_code', 'registered_on', 'deregistered_on'],
  conditions: ['id', 'patient_id', 'condition', 'snomed_code', 'diagnosed_on', 'resolved_on'],
  care_plans: [
    'id',
    'plan_id',
    'patient_id',
    'practice_code',
    'agreed_on',
    'review_due_on',
    'prepared_on',
    'shared_on',
    'carer_involved',
  ],
  care_plan_reviews: ['id', 'care_plan_id', 'reviewed_on'],
  care_plan_adjustments: ['id', 'patient_id', 'recorded_on', 'reason'],
  observations: ['id', 'patient_id', 'code', 'value', 'observed_on'],
  admissions: ['id', 'patient_id', 'admitted_on', 'emergency'],
  training: ['id', 'practice_code', 'trained_on', 'programme', 'staff_trained'],
};

/**
 * The columns the engine reads, a subset of RECORD_TABLE_COLUMNS in the same order: all the snapshot refresh copies
 * out of Postgres. The rest (pseudonyms, plan ids, SNOMED codes, PCA reasons, ids nothing joins on) stay in the system
 * of record: the engine's scratch copy holds no identifier it does not use, and copying them cost time for nothing.
 */
export const ENGINE_RECORD_COLUMNS: Record<RecordTableName, readonly string[]> = {
  organisations: RECORD_TABLE_COLUMNS.organisations,
  patients: ['id', 'birth_date', 'sex', 'ethnic_group', 'imd_quintile', 'died_on'],
  // Registration and observation ids break ties (the later registration of two begun the same day holds).
  registrations: RECORD_TABLE_COLUMNS.registrations,
  conditions: ['patient_id', 'condition', 'diagnosed_on', 'resolved_on'],
  care_plans: ['id', 'patient_id', 'practice_code', 'agreed_on', 'review_due_on', 'prepared_on', 'shared_on', 'carer_involved'],
  care_plan_reviews: ['care_plan_id', 'reviewed_on'],
  care_plan_adjustments: ['patient_id', 'recorded_on'],
  observations: RECORD_TABLE_COLUMNS.observations,
  admissions: ['patient_id', 'admitted_on', 'emergency'],
  training: ['practice_code', 'trained_on', 'programme', 'staff_trained'],
};

/** DuckDB DDL for the record tables (no constraints: Postgres has already enforced them). */
export const CREATE_RECORD_TABLES_SQL = `
CREATE TABLE organisations (
  code VARCHAR NOT NULL,          -- ODS code
  name VARCHAR NOT NULL,
  level VARCHAR NOT NULL,         -- 'practice' | 'pcn' | 'sub_icb' | 'icb' | 'region'
  parent_code VARCHAR             -- practice -> pcn -> sub_icb -> icb -> region -> NULL (England)
);
CREATE TABLE patients (
  id BIGINT NOT NULL,
  pseudonym VARCHAR,              -- not in ENGINE_RECORD_COLUMNS: NULL in a refresh's copy
  birth_date DATE NOT NULL,
  sex VARCHAR NOT NULL,           -- 'F' | 'M' | 'I' | 'U'
  ethnic_group VARCHAR NOT NULL,  -- 'white' | 'mixed' | 'asian' | 'black' | 'other' | 'unknown'
  imd_quintile SMALLINT,          -- 1 (most deprived) .. 5, NULL unknown
  died_on DATE
);
CREATE TABLE registrations (
  id BIGINT NOT NULL,
  patient_id BIGINT NOT NULL,
  practice_code VARCHAR NOT NULL,
  registered_on DATE NOT NULL,
  deregistered_on DATE
);
CREATE TABLE conditions (
  id BIGINT,                      -- not in ENGINE_RECORD_COLUMNS: NULL in a refresh's copy
  patient_id BIGINT NOT NULL,
  condition VARCHAR NOT NULL,     -- register code, e.g. 'DM'
  snomed_code VARCHAR,            -- not in ENGINE_RECORD_COLUMNS: NULL in a refresh's copy
  diagnosed_on DATE NOT NULL,
  resolved_on DATE
);
CREATE TABLE care_plans (
  id BIGINT NOT NULL,
  plan_id VARCHAR,                -- not in ENGINE_RECORD_COLUMNS: NULL in a refresh's copy
  patient_id BIGINT NOT NULL,
  practice_code VARCHAR NOT NULL, -- practice that agreed the plan
  agreed_on DATE NOT NULL,
  review_due_on DATE,             -- NULL means agreed_on + 12 months
  prepared_on DATE,
  shared_on DATE,
  carer_involved BOOLEAN
);
CREATE TABLE care_plan_reviews (
  id BIGINT,                      -- not in ENGINE_RECORD_COLUMNS: NULL in a refresh's copy
  care_plan_id BIGINT NOT NULL,   -- care_plans.id
  reviewed_on DATE NOT NULL
);
CREATE TABLE care_plan_adjustments (
  id BIGINT,                      -- not in ENGINE_RECORD_COLUMNS: NULL in a refresh's copy
  patient_id BIGINT NOT NULL,
  recorded_on DATE NOT NULL,
  reason VARCHAR                  -- 'declined' | 'unsuitable' | 'no_response' | 'service_unavailable'; not in ENGINE_RECORD_COLUMNS: NULL in a refresh's copy
);
CREATE TABLE observations (
  id BIGINT NOT NULL,
  patient_id BIGINT NOT NULL,
  code VARCHAR NOT NULL,          -- 'PAM_LEVEL' | 'HBA1C' | 'PHQ9' | 'SBP'
  value DOUBLE NOT NULL,
  observed_on DATE NOT NULL
);
CREATE TABLE admissions (
  id BIGINT,                      -- not in ENGINE_RECORD_COLUMNS: NULL in a refresh's copy
  patient_id BIGINT NOT NULL,
  admitted_on DATE NOT NULL,
  emergency BOOLEAN NOT NULL
);
CREATE TABLE training (
  id BIGINT,                      -- not in ENGINE_RECORD_COLUMNS: NULL in a refresh's copy
  practice_code VARCHAR NOT NULL,
  trained_on DATE NOT NULL,
  programme VARCHAR NOT NULL,
  staff_trained INTEGER NOT NULL
);
`;

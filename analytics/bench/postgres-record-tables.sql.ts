// Bench only: bare copies of the record tables, for timing the same query in Postgres. The product's
// schema is api/src/database/migrations; tests copy from that.
/**
 * Postgres DDL of the record tables with the types of the api's initial migration (which stays the
 * source of truth), for the copy test and the benchmark's Postgres comparison.
 */
export const POSTGRES_RECORD_TABLES_SQL = `
CREATE TABLE organisations (code varchar(8) PRIMARY KEY, name text NOT NULL, level varchar(8) NOT NULL, parent_code varchar(8));
CREATE TABLE patients (id bigint PRIMARY KEY, pseudonym varchar(64) NOT NULL, birth_date date NOT NULL, sex char(1) NOT NULL,
  ethnic_group varchar(8) NOT NULL, imd_quintile smallint, died_on date);
CREATE TABLE registrations (id bigint PRIMARY KEY, patient_id bigint NOT NULL, practice_code varchar(8) NOT NULL,
  registered_on date NOT NULL, deregistered_on date);
CREATE TABLE conditions (id bigint PRIMARY KEY, patient_id bigint NOT NULL, condition varchar(4) NOT NULL, snomed_code varchar(18),
  diagnosed_on date NOT NULL, resolved_on date);
CREATE TABLE care_plans (id bigint PRIMARY KEY, plan_id varchar(64) NOT NULL, patient_id bigint NOT NULL, practice_code varchar(8) NOT NULL,
  agreed_on date NOT NULL, review_due_on date, prepared_on date, shared_on date, carer_involved boolean);
CREATE TABLE care_plan_reviews (id bigint PRIMARY KEY, care_plan_id bigint NOT NULL, reviewed_on date NOT NULL);
CREATE TABLE care_plan_adjustments (id bigint PRIMARY KEY, patient_id bigint NOT NULL, recorded_on date NOT NULL, reason varchar(20) NOT NULL);
CREATE TABLE observations (id bigint PRIMARY KEY, patient_id bigint NOT NULL, code varchar(10) NOT NULL, value numeric NOT NULL, observed_on date NOT NULL);
CREATE TABLE admissions (id bigint PRIMARY KEY, patient_id bigint NOT NULL, admitted_on date NOT NULL, emergency boolean NOT NULL);
CREATE TABLE training (id bigint PRIMARY KEY, practice_code varchar(8) NOT NULL, trained_on date NOT NULL, programme text NOT NULL, staff_trained integer NOT NULL);
`;

/** The patient_id indexes the api's migration has (natural keys and care_plans_patient_id_idx). */
export const POSTGRES_RECORD_INDEXES_SQL = `
CREATE INDEX ON registrations (patient_id, practice_code, registered_on);
CREATE INDEX ON conditions (patient_id, condition, diagnosed_on);
CREATE INDEX ON care_plans (patient_id);
CREATE INDEX ON care_plan_adjustments (patient_id, recorded_on, reason);
`;

/**
 * Run one at a time after the load (VACUUM cannot run inside a transaction): the tables vacuumed, analysed and
 * checkpointed, as a live system of record's are by autovacuum and the checkpointer, so that the copy is not the
 * first read of freshly loaded rows, which also writes their hint bits (10.6 s against 7.3 to 8.9 s for the later
 * copies of 1.5 million patients, measured 2026-12-06).
 */
export const POSTGRES_SETTLE_SQL = ['VACUUM (ANALYZE)', 'CHECKPOINT'] as const;

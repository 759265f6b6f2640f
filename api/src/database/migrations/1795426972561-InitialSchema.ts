import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795426972561 implements MigrationInterface {
  name = 'InitialSchema1795426972561';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"import_jobs\" (\"id\" uuid NOT NULL, \"status\" character varying(10) NOT NULL DEFAULT 'queued', \"format\" character varying(4) NOT NULL DEFAULT 'csv', \"source\" text NOT NULL, \"requested_by\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"bytes_total\" bigint NOT NULL DEFAULT '0', \"bytes_read\" bigint NOT NULL DEFAULT '0', \"rows_read\" bigint NOT NULL DEFAULT '0', \"rows_applied\" bigint NOT NULL DEFAULT '0', \"error_count\" integer NOT NULL DEFAULT '0', \"warning_count\" integer NOT NULL DEFAULT '0', \"files\" jsonb NOT NULL DEFAULT '[]', \"failure\" text, CONSTRAINT \"import_jobs_format_check\" CHECK (\"format\" IN ('csv', 'fhir')), CONSTRAINT \"import_jobs_status_check\" CHECK (\"status\" IN ('queued', 'running', 'succeeded', 'failed')), CONSTRAINT \"PK_4d206c602f173f98e4bb85819a3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"import_jobs_created_at_idx\" ON \"import_jobs\" (\"created_at\") ");
    await queryRunner.query("CREATE TABLE \"import_issues\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"job_id\" uuid NOT NULL, \"severity\" character varying(7) NOT NULL, \"file\" text NOT NULL, \"line\" integer, \"column\" text, \"value\" text, \"rule\" text NOT NULL, CONSTRAINT \"import_issues_severity_check\" CHECK (\"severity\" IN ('error', 'warning')), CONSTRAINT \"PK_d737bef347292e874ff461d40ea\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"import_issues_job_id_idx\" ON \"import_issues\" (\"job_id\", \"severity\") ");
    await queryRunner.query("CREATE TABLE \"organisations\" (\"code\" character varying(8) NOT NULL, \"name\" text NOT NULL, \"level\" character varying(8) NOT NULL, \"parent_code\" character varying(8), CONSTRAINT \"organisations_parent_check\" CHECK ((\"level\" = 'region') = (\"parent_code\" IS NULL)), CONSTRAINT \"organisations_level_check\" CHECK (\"level\" IN ('practice', 'pcn', 'sub_icb', 'icb', 'region')), CONSTRAINT \"PK_06f3139d67205a125c84f8c6c45\" PRIMARY KEY (\"code\"))");
    await queryRunner.query("CREATE INDEX \"organisations_parent_code_idx\" ON \"organisations\" (\"parent_code\") ");
    await queryRunner.query("CREATE TABLE \"patients\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"pseudonym\" character varying(64) NOT NULL, \"birth_date\" date NOT NULL, \"sex\" character(1) NOT NULL, \"ethnic_group\" character varying(8) NOT NULL, \"imd_quintile\" smallint, \"died_on\" date, CONSTRAINT \"patients_pseudonym_key\" UNIQUE (\"pseudonym\"), CONSTRAINT \"patients_died_on_check\" CHECK (\"died_on\" IS NULL OR \"died_on\" >= \"birth_date\"), CONSTRAINT \"patients_imd_quintile_check\" CHECK (\"imd_quintile\" BETWEEN 1 AND 5), CONSTRAINT \"patients_ethnic_group_check\" CHECK (\"ethnic_group\" IN ('white', 'mixed', 'asian', 'black', 'other', 'unknown')), CONSTRAINT \"patients_sex_check\" CHECK (\"sex\" IN ('F', 'M', 'I', 'U')), CONSTRAINT \"PK_a7f0b9fcbb3469d5ec0b0aceaa7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"admissions\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"patient_id\" bigint NOT NULL, \"admitted_on\" date NOT NULL, \"emergency\" boolean NOT NULL, CONSTRAINT \"admissions_natural_key\" UNIQUE (\"patient_id\", \"admitted_on\", \"emergency\"), CONSTRAINT \"PK_6d47682a899dfa0a78ce11fe98a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"care_plan_adjustments\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"patient_id\" bigint NOT NULL, \"recorded_on\" date NOT NULL, \"reason\" character varying(20) NOT NULL, CONSTRAINT \"care_plan_adjustments_natural_key\" UNIQUE (\"patient_id\", \"recorded_on\", \"reason\"), CONSTRAINT \"care_plan_adjustments_reason_check\" CHECK (\"reason\" IN ('declined', 'unsuitable', 'no_response', 'service_unavailable')), CONSTRAINT \"PK_50b4967c564d81ba5f358558ab3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"care_plans\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"plan_id\" character varying(64) NOT NULL, \"patient_id\" bigint NOT NULL, \"practice_code\" character varying(8) NOT NULL, \"agreed_on\" date NOT NULL, \"review_due_on\" date, \"prepared_on\" date, \"shared_on\" date, \"carer_involved\" boolean, CONSTRAINT \"care_plans_plan_id_key\" UNIQUE (\"plan_id\"), CONSTRAINT \"care_plans_review_due_on_check\" CHECK (\"review_due_on\" IS NULL OR \"review_due_on\" > \"agreed_on\"), CONSTRAINT \"PK_a8556688bcada6c2729b8c4ac5c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"care_plans_patient_id_idx\" ON \"care_plans\" (\"patient_id\") ");
    await queryRunner.query("CREATE TABLE \"care_plan_reviews\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"care_plan_id\" bigint NOT NULL, \"reviewed_on\" date NOT NULL, CONSTRAINT \"care_plan_reviews_natural_key\" UNIQUE (\"care_plan_id\", \"reviewed_on\"), CONSTRAINT \"PK_9ee1f439f7aa296a2af9d52b290\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"conditions\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"patient_id\" bigint NOT NULL, \"condition\" character varying(4) NOT NULL, \"snomed_code\" character varying(18), \"diagnosed_on\" date NOT NULL, \"resolved_on\" date, CONSTRAINT \"conditions_natural_key\" UNIQUE (\"patient_id\", \"condition\", \"diagnosed_on\"), CONSTRAINT \"conditions_snomed_code_check\" CHECK (\"snomed_code\" ~ '^[0-9]{6,18}$'), CONSTRAINT \"conditions_dates_check\" CHECK (\"resolved_on\" IS NULL OR \"resolved_on\" >= \"diagnosed_on\"), CONSTRAINT \"conditions_condition_check\" CHECK (\"condition\" IN ('AF', 'AST', 'CAN', 'CHD', 'CKD', 'COPD', 'DEM', 'DEP', 'DM', 'EP', 'HF', 'HYP', 'LD', 'MH', 'OST', 'PAD', 'RA', 'STIA')), CONSTRAINT \"PK_3938bdf2933c08ac7af7e0e15e7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"observations\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"patient_id\" bigint NOT NULL, \"code\" character varying(10) NOT NULL, \"value\" numeric NOT NULL, \"observed_on\" date NOT NULL, CONSTRAINT \"observations_natural_key\" UNIQUE (\"patient_id\", \"code\", \"observed_on\", \"value\"), CONSTRAINT \"observations_value_check\" CHECK ((\"code\" = 'PAM_LEVEL' AND \"value\" BETWEEN 1 AND 4) OR (\"code\" = 'HBA1C' AND \"value\" BETWEEN 20 AND 200) OR (\"code\" = 'PHQ9' AND \"value\" BETWEEN 0 AND 27) OR (\"code\" = 'SBP' AND \"value\" BETWEEN 50 AND 300)), CONSTRAINT \"PK_f9208d64f50a76030758087c0ef\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"registrations\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"patient_id\" bigint NOT NULL, \"practice_code\" character varying(8) NOT NULL, \"registered_on\" date NOT NULL, \"deregistered_on\" date, CONSTRAINT \"registrations_natural_key\" UNIQUE (\"patient_id\", \"practice_code\", \"registered_on\"), CONSTRAINT \"registrations_dates_check\" CHECK (\"deregistered_on\" IS NULL OR \"deregistered_on\" > \"registered_on\"), CONSTRAINT \"PK_6013e724d7b22929da9cd7282d1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"registrations_practice_code_idx\" ON \"registrations\" (\"practice_code\") ");
    await queryRunner.query("CREATE TABLE \"training\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"practice_code\" character varying(8) NOT NULL, \"trained_on\" date NOT NULL, \"programme\" text NOT NULL, \"staff_trained\" integer NOT NULL, CONSTRAINT \"training_natural_key\" UNIQUE (\"practice_code\", \"trained_on\", \"programme\", \"staff_trained\"), CONSTRAINT \"training_staff_trained_check\" CHECK (\"staff_trained\" >= 1), CONSTRAINT \"PK_c436c96be3adf1aa439ef471427\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"snapshot_state\" (\"id\" smallint NOT NULL DEFAULT '1', \"stale\" boolean NOT NULL DEFAULT true, \"records_changed_at\" TIMESTAMP WITH TIME ZONE, \"refreshed_at\" TIMESTAMP WITH TIME ZONE, \"last_error\" text, CONSTRAINT \"snapshot_state_singleton_check\" CHECK (\"id\" = 1), CONSTRAINT \"PK_8f7f317a34126aa442a4f511f15\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"import_issues\" ADD CONSTRAINT \"import_issues_job_id_fkey\" FOREIGN KEY (\"job_id\") REFERENCES \"import_jobs\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"organisations\" ADD CONSTRAINT \"organisations_parent_code_fkey\" FOREIGN KEY (\"parent_code\") REFERENCES \"organisations\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"admissions\" ADD CONSTRAINT \"admissions_patient_id_fkey\" FOREIGN KEY (\"patient_id\") REFERENCES \"patients\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"care_plan_adjustments\" ADD CONSTRAINT \"care_plan_adjustments_patient_id_fkey\" FOREIGN KEY (\"patient_id\") REFERENCES \"patients\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"care_plans\" ADD CONSTRAINT \"care_plans_patient_id_fkey\" FOREIGN KEY (\"patient_id\") REFERENCES \"patients\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"care_plans\" ADD CONSTRAINT \"care_plans_practice_code_fkey\" FOREIGN KEY (\"practice_code\") REFERENCES \"organisations\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"care_plan_reviews\" ADD CONSTRAINT \"care_plan_reviews_care_plan_id_fkey\" FOREIGN KEY (\"care_plan_id\") REFERENCES \"care_plans\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"conditions\" ADD CONSTRAINT \"conditions_patient_id_fkey\" FOREIGN KEY (\"patient_id\") REFERENCES \"patients\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"observations\" ADD CONSTRAINT \"observations_patient_id_fkey\" FOREIGN KEY (\"patient_id\") REFERENCES \"patients\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"registrations\" ADD CONSTRAINT \"registrations_patient_id_fkey\" FOREIGN KEY (\"patient_id\") REFERENCES \"patients\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"registrations\" ADD CONSTRAINT \"registrations_practice_code_fkey\" FOREIGN KEY (\"practice_code\") REFERENCES \"organisations\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"training\" ADD CONSTRAINT \"training_practice_code_fkey\" FOREIGN KEY (\"practice_code\") REFERENCES \"organisations\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"training\" DROP CONSTRAINT \"training_practice_code_fkey\"");
    await queryRunner.query("ALTER TABLE \"registrations\" DROP CONSTRAINT \"registrations_practice_code_fkey\"");
    await queryRunner.query("ALTER TABLE \"registrations\" DROP CONSTRAINT \"registrations_patient_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"observations\" DROP CONSTRAINT \"observations_patient_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"conditions\" DROP CONSTRAINT \"conditions_patient_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"care_plan_reviews\" DROP CONSTRAINT \"care_plan_reviews_care_plan_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"care_plans\" DROP CONSTRAINT \"care_plans_practice_code_fkey\"");
    await queryRunner.query("ALTER TABLE \"care_plans\" DROP CONSTRAINT \"care_plans_patient_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"care_plan_adjustments\" DROP CONSTRAINT \"care_plan_adjustments_patient_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"admissions\" DROP CONSTRAINT \"admissions_patient_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"organisations\" DROP CONSTRAINT \"organisations_parent_code_fkey\"");
    await queryRunner.query("ALTER TABLE \"import_issues\" DROP CONSTRAINT \"import_issues_job_id_fkey\"");
    await queryRunner.query("DROP TABLE \"snapshot_state\"");
    await queryRunner.query("DROP TABLE \"training\"");
    await queryRunner.query("DROP INDEX \"public\".\"registrations_practice_code_idx\"");
    await queryRunner.query("DROP TABLE \"registrations\"");
    await queryRunner.query("DROP TABLE \"observations\"");
    await queryRunner.query("DROP TABLE \"conditions\"");
    await queryRunner.query("DROP TABLE \"care_plan_reviews\"");
    await queryRunner.query("DROP INDEX \"public\".\"care_plans_patient_id_idx\"");
    await queryRunner.query("DROP TABLE \"care_plans\"");
    await queryRunner.query("DROP TABLE \"care_plan_adjustments\"");
    await queryRunner.query("DROP TABLE \"admissions\"");
    await queryRunner.query("DROP TABLE \"patients\"");
    await queryRunner.query("DROP INDEX \"public\".\"organisations_parent_code_idx\"");
    await queryRunner.query("DROP TABLE \"organisations\"");
    await queryRunner.query("DROP INDEX \"public\".\"import_issues_job_id_idx\"");
    await queryRunner.query("DROP TABLE \"import_issues\"");
    await queryRunner.query("DROP INDEX \"public\".\"import_jobs_created_at_idx\"");
    await queryRunner.query("DROP TABLE \"import_jobs\"");
  }
}

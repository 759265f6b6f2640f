import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TargetsAlerts1795433883563 implements MigrationInterface {
  name = 'TargetsAlerts1795433883563';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"measure_targets\" (\"id\" uuid NOT NULL, \"measure\" text NOT NULL, \"org_code\" character varying(12) NOT NULL, \"target_rate\" double precision NOT NULL, \"target_month\" character(7) NOT NULL, \"set_by\" text NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_d549ab1bd8744eefe461b1dce31\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"measure_targets_measure_org_key\" ON \"measure_targets\" (\"measure\", \"org_code\") ");
    await queryRunner.query("CREATE TABLE \"alert_preferences\" (\"user_id\" uuid NOT NULL, \"weekly_digest\" boolean NOT NULL DEFAULT true, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_7182c5db26da9d706fbe6435cb2\" PRIMARY KEY (\"user_id\"))");
    await queryRunner.query("ALTER TABLE \"alert_preferences\" ADD CONSTRAINT \"alert_preferences_user_id_fkey\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"alert_preferences\" DROP CONSTRAINT \"alert_preferences_user_id_fkey\"");
    await queryRunner.query("DROP TABLE \"alert_preferences\"");
    await queryRunner.query("DROP INDEX \"public\".\"measure_targets_measure_org_key\"");
    await queryRunner.query("DROP TABLE \"measure_targets\"");
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthGroupsAudit1795428930753 implements MigrationInterface {
  name = 'AuthGroupsAudit1795428930753';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" uuid NOT NULL, \"email\" text NOT NULL, \"name\" text NOT NULL, \"role\" character varying(12) NOT NULL, \"areas\" text array NOT NULL DEFAULT '{}', \"password_hash\" text NOT NULL, \"disabled\" boolean NOT NULL DEFAULT false, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_login_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"users_role_check\" CHECK (\"role\" IN ('admin', 'commissioner', 'network', 'practice')), CONSTRAINT \"PK_a3ffb1c0c8416b9fc6f907b7433\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"users_email_key\" ON \"users\" (\"email\") ");
    await queryRunner.query("CREATE TABLE \"sessions\" (\"secret_hash\" character(64) NOT NULL, \"public_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"kind\" character varying(7) NOT NULL, \"name\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"UQ_fa1e4e6107534d590110a4a971a\" UNIQUE (\"public_id\"), CONSTRAINT \"sessions_kind_check\" CHECK (\"kind\" IN ('session', 'token')), CONSTRAINT \"PK_c87374a0f3680f755b9f56e5d66\" PRIMARY KEY (\"secret_hash\"))");
    await queryRunner.query("CREATE INDEX \"sessions_user_id_idx\" ON \"sessions\" (\"user_id\") ");
    await queryRunner.query("CREATE TABLE \"audit_log\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"action\" character varying(16) NOT NULL, \"user_id\" uuid, \"email\" text, \"target\" text, \"ip\" text, CONSTRAINT \"audit_log_action_check\" CHECK (\"action\" IN ('login', 'login_failed', 'logout', 'export', 'import', 'user_created', 'user_disabled', 'token_created')), CONSTRAINT \"PK_07fefa57f7f5ab8fc3f52b3ed0b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"audit_log_at_idx\" ON \"audit_log\" (\"at\") ");
    await queryRunner.query("CREATE TABLE \"practice_groups\" (\"id\" integer GENERATED ALWAYS AS IDENTITY NOT NULL, \"name\" text NOT NULL, \"owner_id\" uuid NOT NULL, \"shared\" boolean NOT NULL DEFAULT false, \"icb_code\" character varying(8) NOT NULL, \"practices\" text array NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_7988b97be9152461861528eb144\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"practice_groups_icb_code_idx\" ON \"practice_groups\" (\"icb_code\") ");
    await queryRunner.query("CREATE INDEX \"practice_groups_owner_id_idx\" ON \"practice_groups\" (\"owner_id\") ");
    await queryRunner.query("ALTER TABLE \"sessions\" ADD CONSTRAINT \"sessions_user_id_fkey\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"practice_groups\" ADD CONSTRAINT \"practice_groups_owner_id_fkey\" FOREIGN KEY (\"owner_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"practice_groups\" DROP CONSTRAINT \"practice_groups_owner_id_fkey\"");
    await queryRunner.query("ALTER TABLE \"sessions\" DROP CONSTRAINT \"sessions_user_id_fkey\"");
    await queryRunner.query("DROP INDEX \"public\".\"practice_groups_owner_id_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"practice_groups_icb_code_idx\"");
    await queryRunner.query("DROP TABLE \"practice_groups\"");
    await queryRunner.query("DROP INDEX \"public\".\"audit_log_at_idx\"");
    await queryRunner.query("DROP TABLE \"audit_log\"");
    await queryRunner.query("DROP INDEX \"public\".\"sessions_user_id_idx\"");
    await queryRunner.query("DROP TABLE \"sessions\"");
    await queryRunner.query("DROP INDEX \"public\".\"users_email_key\"");
    await queryRunner.query("DROP TABLE \"users\"");
  }
}

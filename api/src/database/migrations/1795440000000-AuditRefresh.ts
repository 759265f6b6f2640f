import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Snapshot refreshes get an audit action of their own ('refresh'); those recorded before as 'import' with the target 'snapshot refresh' are moved to it. */
export class AuditRefresh1795440000000 implements MigrationInterface {
  name = 'AuditRefresh1795440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_action_check"');
    await queryRunner.query(
      "ALTER TABLE \"audit_log\" ADD CONSTRAINT \"audit_log_action_check\" CHECK (\"action\" IN ('login', 'login_failed', 'logout', 'export', 'import', 'refresh', 'user_created', 'user_disabled', 'token_created'))",
    );
    await queryRunner.query("UPDATE \"audit_log\" SET \"action\" = 'refresh' WHERE \"action\" = 'import' AND \"target\" = 'snapshot refresh'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("UPDATE \"audit_log\" SET \"action\" = 'import' WHERE \"action\" = 'refresh'");
    await queryRunner.query('ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_action_check"');
    await queryRunner.query(
      "ALTER TABLE \"audit_log\" ADD CONSTRAINT \"audit_log_action_check\" CHECK (\"action\" IN ('login', 'login_failed', 'logout', 'export', 'import', 'user_created', 'user_disabled', 'token_created'))",
    );
  }
}

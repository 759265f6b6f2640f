import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = "'login', 'login_failed', 'logout', 'export', 'import', 'refresh', 'user_created', 'user_disabled', 'token_created'";

/** Setting and deleting a target are audited ('target_set', 'target_deleted'): a target changes what every commissioner is measured against. */
export class AuditTargets1795444000000 implements MigrationInterface {
  name = 'AuditTargets1795444000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_action_check"');
    await queryRunner.query(`ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_action_check" CHECK ("action" IN (${BEFORE}, 'target_set', 'target_deleted'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The older constraint cannot hold target entries: they go with the actions they record.
    await queryRunner.query(`DELETE FROM "audit_log" WHERE "action" IN ('target_set', 'target_deleted')`);
    await queryRunner.query('ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_action_check"');
    await queryRunner.query(`ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_action_check" CHECK ("action" IN (${BEFORE}))`);
  }
}

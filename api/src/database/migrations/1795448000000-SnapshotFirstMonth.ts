import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `snapshot_state.first_month`: the month every snapshot begins at (YYYY-MM), where the records hold history before the
 * months to be shown (the demo's first year only fills the 12-month windows of its first month); null is the month of
 * the first activity record.
 */
export class SnapshotFirstMonth1795448000000 implements MigrationInterface {
  name = 'SnapshotFirstMonth1795448000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "snapshot_state" ADD "first_month" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "snapshot_state" DROP COLUMN "first_month"');
  }
}

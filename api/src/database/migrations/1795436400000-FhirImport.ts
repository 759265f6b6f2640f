import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FhirImport1795436400000 implements MigrationInterface {
  name = 'FhirImport1795436400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"fhir_resource_keys\" (\"resource_type\" character varying(20) NOT NULL, \"resource_id\" character varying(64) NOT NULL, \"key\" text NOT NULL, CONSTRAINT \"fhir_resource_keys_pkey\" PRIMARY KEY (\"resource_type\", \"resource_id\"))");
    await queryRunner.query("ALTER TABLE \"import_jobs\" ADD \"fhir_report\" jsonb");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"import_jobs\" DROP COLUMN \"fhir_report\"");
    await queryRunner.query("DROP TABLE \"fhir_resource_keys\"");
  }
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a FHIR resource id of an earlier import stands for, so that a later import may refer to it:
 * a Patient's pseudonym, an Organization's ODS code. Written when the file it fed was applied.
 */
@Entity('fhir_resource_keys')
export class FhirResourceKey {
  @PrimaryColumn({ name: 'resource_type', type: 'varchar', length: 20, primaryKeyConstraintName: 'fhir_resource_keys_pkey' })
  resourceType!: 'Patient' | 'Organization';

  /** The FHIR logical id (1 to 64 of A-Z a-z 0-9 - .). */
  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 64, primaryKeyConstraintName: 'fhir_resource_keys_pkey' })
  resourceId!: string;

  /** The pseudonym (Patient) or ODS code (Organization). */
  @Column({ type: 'text' })
  key!: string;
}

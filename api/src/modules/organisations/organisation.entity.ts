import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export const ORGANISATION_LEVELS = ['practice', 'pcn', 'sub_icb', 'icb', 'region'] as const;
export type OrganisationLevel = (typeof ORGANISATION_LEVELS)[number];

/** A node of the NHS hierarchy, keyed by ODS code: practice → PCN → sub-ICB → ICB → region (→ England). */
@Entity('organisations')
@Check('organisations_level_check', `"level" IN ('practice', 'pcn', 'sub_icb', 'icb', 'region')`)
@Check('organisations_parent_check', `("level" = 'region') = ("parent_code" IS NULL)`)
export class Organisation {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: OrganisationLevel;

  @Index('organisations_parent_code_idx')
  @Column({ name: 'parent_code', type: 'varchar', length: 8, nullable: true })
  parentCode!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'organisations_parent_code_fkey' })
  parent?: Organisation | null;
}

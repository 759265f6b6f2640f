import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Patient } from './patient.entity';
import { REGISTER_CODES, sqlList } from './register-codes';

/** A long-term condition register entry; natural key (patient, condition, diagnosed_on). */
@Entity('conditions')
@Unique('conditions_natural_key', ['patientId', 'condition', 'diagnosedOn'])
@Check('conditions_condition_check', `"condition" IN ${sqlList(REGISTER_CODES)}`)
@Check('conditions_dates_check', `"resolved_on" IS NULL OR "resolved_on" >= "diagnosed_on"`)
@Check('conditions_snomed_code_check', `"snomed_code" ~ '^[0-9]{6,18}$'`)
export class Condition {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'patient_id', type: 'bigint' })
  patientId!: string;

  @ManyToOne(() => Patient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'conditions_patient_id_fkey' })
  patient?: Patient;

  @Column({ type: 'varchar', length: 4 })
  condition!: string;

  @Column({ name: 'snomed_code', type: 'varchar', length: 18, nullable: true })
  snomedCode!: string | null;

  @Column({ name: 'diagnosed_on', type: 'date' })
  diagnosedOn!: string;

  @Column({ name: 'resolved_on', type: 'date', nullable: true })
  resolvedOn!: string | null;
}

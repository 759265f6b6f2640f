import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Patient } from './patient.entity';

/** A personalised care and support plan agreed in a care and support planning conversation. */
@Entity('care_plans')
@Unique('care_plans_plan_id_key', ['planId'])
@Check('care_plans_review_due_on_check', `"review_due_on" IS NULL OR "review_due_on" > "agreed_on"`)
@Index('care_plans_patient_id_idx', ['patientId'])
export class CarePlan {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 64 })
  planId!: string;

  @Column({ name: 'patient_id', type: 'bigint' })
  patientId!: string;

  @ManyToOne(() => Patient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'care_plans_patient_id_fkey' })
  patient?: Patient;

  /** The practice where the plan was agreed. */
  @Column({ name: 'practice_code', type: 'varchar', length: 8 })
  practiceCode!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'practice_code', foreignKeyConstraintName: 'care_plans_practice_code_fkey' })
  practice?: Organisation;

  @Column({ name: 'agreed_on', type: 'date' })
  agreedOn!: string;

  /** Empty means agreed_on + 12 months. */
  @Column({ name: 'review_due_on', type: 'date', nullable: true })
  reviewDueOn!: string | null;

  @Column({ name: 'prepared_on', type: 'date', nullable: true })
  preparedOn!: string | null;

  @Column({ name: 'shared_on', type: 'date', nullable: true })
  sharedOn!: string | null;

  @Column({ name: 'carer_involved', type: 'boolean', nullable: true })
  carerInvolved!: boolean | null;
}

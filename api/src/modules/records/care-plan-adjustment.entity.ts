import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Patient } from './patient.entity';
import { ADJUSTMENT_REASONS, sqlList } from './register-codes';

/** A personalised care adjustment (PCA) for care planning. */
@Entity('care_plan_adjustments')
@Unique('care_plan_adjustments_natural_key', ['patientId', 'recordedOn', 'reason'])
@Check('care_plan_adjustments_reason_check', `"reason" IN ${sqlList(ADJUSTMENT_REASONS)}`)
export class CarePlanAdjustment {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'patient_id', type: 'bigint' })
  patientId!: string;

  @ManyToOne(() => Patient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'care_plan_adjustments_patient_id_fkey' })
  patient?: Patient;

  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn!: string;

  @Column({ type: 'varchar', length: 20 })
  reason!: string;
}

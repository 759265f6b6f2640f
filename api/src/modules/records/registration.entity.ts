import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Patient } from './patient.entity';

/** A period of registration at a practice; natural key (patient, practice, registered_on). */
@Entity('registrations')
@Unique('registrations_natural_key', ['patientId', 'practiceCode', 'registeredOn'])
@Check('registrations_dates_check', `"deregistered_on" IS NULL OR "deregistered_on" > "registered_on"`)
@Index('registrations_practice_code_idx', ['practiceCode'])
export class Registration {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'patient_id', type: 'bigint' })
  patientId!: string;

  @ManyToOne(() => Patient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'registrations_patient_id_fkey' })
  patient?: Patient;

  @Column({ name: 'practice_code', type: 'varchar', length: 8 })
  practiceCode!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'practice_code', foreignKeyConstraintName: 'registrations_practice_code_fkey' })
  practice?: Organisation;

  @Column({ name: 'registered_on', type: 'date' })
  registeredOn!: string;

  @Column({ name: 'deregistered_on', type: 'date', nullable: true })
  deregisteredOn!: string | null;
}

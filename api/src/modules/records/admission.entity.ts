import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Patient } from './patient.entity';

/** A hospital admission from the secondary care feed. */
@Entity('admissions')
@Unique('admissions_natural_key', ['patientId', 'admittedOn', 'emergency'])
export class Admission {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'patient_id', type: 'bigint' })
  patientId!: string;

  @ManyToOne(() => Patient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'admissions_patient_id_fkey' })
  patient?: Patient;

  @Column({ name: 'admitted_on', type: 'date' })
  admittedOn!: string;

  @Column({ type: 'boolean' })
  emergency!: boolean;
}

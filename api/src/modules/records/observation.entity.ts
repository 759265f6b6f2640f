import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Patient } from './patient.entity';

/** An outcome observation; the value's range depends on its code. */
@Entity('observations')
@Unique('observations_natural_key', ['patientId', 'code', 'observedOn', 'value'])
@Check(
  'observations_value_check',
  `("code" = 'PAM_LEVEL' AND "value" BETWEEN 1 AND 4) OR ("code" = 'HBA1C' AND "value" BETWEEN 20 AND 200) OR ("code" = 'PHQ9' AND "value" BETWEEN 0 AND 27) OR ("code" = 'SBP' AND "value" BETWEEN 50 AND 300)`,
)
export class Observation {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'patient_id', type: 'bigint' })
  patientId!: string;

  @ManyToOne(() => Patient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'observations_patient_id_fkey' })
  patient?: Patient;

  @Column({ type: 'varchar', length: 10 })
  code!: string;

  @Column({ type: 'numeric' })
  value!: string;

  @Column({ name: 'observed_on', type: 'date' })
  observedOn!: string;
}

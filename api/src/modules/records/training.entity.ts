import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';

/** Staff of a practice trained in care and support planning. */
@Entity('training')
@Unique('training_natural_key', ['practiceCode', 'trainedOn', 'programme', 'staffTrained'])
@Check('training_staff_trained_check', `"staff_trained" >= 1`)
export class Training {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'practice_code', type: 'varchar', length: 8 })
  practiceCode!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'practice_code', foreignKeyConstraintName: 'training_practice_code_fkey' })
  practice?: Organisation;

  @Column({ name: 'trained_on', type: 'date' })
  trainedOn!: string;

  @Column({ type: 'text' })
  programme!: string;

  @Column({ name: 'staff_trained', type: 'integer' })
  staffTrained!: number;
}

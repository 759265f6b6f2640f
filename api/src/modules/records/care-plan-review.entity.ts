import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CarePlan } from './care-plan.entity';

/** A review of a plan. "On or after agreed_on" is checked by the importer (it spans two tables). */
@Entity('care_plan_reviews')
@Unique('care_plan_reviews_natural_key', ['carePlanId', 'reviewedOn'])
export class CarePlanReview {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'care_plan_id', type: 'bigint' })
  carePlanId!: string;

  @ManyToOne(() => CarePlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'care_plan_id', foreignKeyConstraintName: 'care_plan_reviews_care_plan_id_fkey' })
  carePlan?: CarePlan;

  @Column({ name: 'reviewed_on', type: 'date' })
  reviewedOn!: string;
}

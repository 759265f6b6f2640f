import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An administrator's target for one measure in one area: reach `targetRate` (in the measure's unit) by `targetMonth`. */
@Entity('measure_targets')
@Index('measure_targets_measure_org_key', ['measure', 'orgCode'], { unique: true })
export class MeasureTarget {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @BeforeInsert()
  assignId(): void {
    this.id ??= randomUUID();
  }

  @Column({ type: 'text' })
  measure!: string;

  /** The area: an ICB, region, sub-ICB, PCN, practice or ENG for England. */
  @Column({ name: 'org_code', type: 'varchar', length: 12 })
  orgCode!: string;

  @Column({ name: 'target_rate', type: 'double precision' })
  targetRate!: number;

  /** The month by which the target is to be met, as YYYY-MM. */
  @Column({ name: 'target_month', type: 'char', length: 7 })
  targetMonth!: string;

  @Column({ name: 'set_by', type: 'text' })
  setBy!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A single row saying whether the analytics snapshot reflects the records (imports mark it stale). */
@Entity('snapshot_state')
@Check('snapshot_state_singleton_check', `"id" = 1`)
export class SnapshotState {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ type: 'boolean', default: true })
  stale!: boolean;

  @Column({ name: 'records_changed_at', type: 'timestamptz', nullable: true })
  recordsChangedAt!: Date | null;

  @Column({ name: 'refreshed_at', type: 'timestamptz', nullable: true })
  refreshedAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** The month every snapshot begins at (YYYY-MM); null: the month of the first activity record. */
  @Column({ name: 'first_month', type: 'text', nullable: true })
  firstMonth!: string | null;
}

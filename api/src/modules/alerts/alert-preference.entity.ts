import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserAccount } from '../users/user.entity';

/** A user's choice about the weekly alerts email; a user without a row gets it. */
@Entity('alert_preferences')
export class AlertPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @OneToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'alert_preferences_user_id_fkey' })
  user?: UserAccount;

  @Column({ name: 'weekly_digest', type: 'boolean', default: true })
  weeklyDigest!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

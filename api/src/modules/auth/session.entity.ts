import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserAccount } from '../users/user.entity';

/**
 * A browser session (cookie) or a bearer token for scripts. Only the SHA-256 of the secret is
 * stored, so a copy of the table does not let anyone sign in.
 */
@Entity('sessions')
@Check('sessions_kind_check', `"kind" IN ('session', 'token')`)
@Index('sessions_user_id_idx', ['userId'])
export class SessionRecord {
  /** hex SHA-256 of the secret. */
  @PrimaryColumn({ name: 'secret_hash', type: 'char', length: 64 })
  secretHash!: string;

  @Column({ name: 'public_id', type: 'uuid', unique: true })
  publicId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sessions_user_id_fkey' })
  user?: UserAccount;

  @Column({ type: 'varchar', length: 7 })
  kind!: 'session' | 'token';

  /** A token's name, e.g. "monthly extract script". */
  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}

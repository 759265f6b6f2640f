import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditAction } from '../../contract/audit.contract';

/** Who signed in, exported, imported, refreshed or changed a target, and when (kept even when the user is removed). */
@Entity('audit_log')
@Check(
  'audit_log_action_check',
  `"action" IN ('login', 'login_failed', 'logout', 'export', 'import', 'refresh', 'user_created', 'user_disabled', 'token_created', 'target_set', 'target_deleted')`,
)
@Index('audit_log_at_idx', ['at'])
export class AuditEntryRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'varchar', length: 16 })
  action!: AuditAction;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  target!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;
}

import { randomUUID } from 'node:crypto';
import { BeforeInsert, Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '../../contract/auth.contract';

/** A person who signs in: role and area decide what they see (the hash is argon2id). */
@Entity('users')
@Check('users_role_check', `"role" IN ('admin', 'commissioner', 'network', 'practice')`)
@Index('users_email_key', ['email'], { unique: true })
export class UserAccount {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @BeforeInsert()
  assignId(): void {
    this.id ??= randomUUID();
  }

  /** Lower-cased at write. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 12 })
  role!: Role;

  /** ICB codes (commissioner), one region (network), one practice (practice); empty for admin. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  areas!: string[];

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}

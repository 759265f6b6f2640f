import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserAccount } from '../users/user.entity';

/** A user-defined group of practices of one ICB, treated as an organisation (`group:<id>`). */
@Entity('practice_groups')
@Index('practice_groups_owner_id_idx', ['ownerId'])
@Index('practice_groups_icb_code_idx', ['icbCode'])
export class PracticeGroup {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' })
  id!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'practice_groups_owner_id_fkey' })
  owner?: UserAccount;

  @Column({ type: 'boolean', default: false })
  shared!: boolean;

  @Column({ name: 'icb_code', type: 'varchar', length: 8 })
  icbCode!: string;

  @Column({ type: 'text', array: true })
  practices!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

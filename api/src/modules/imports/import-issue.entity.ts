import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ImportJob } from './import-job.entity';

/** A row-level error (the file was not applied) or warning (applied, but worth a look). */
@Entity('import_issues')
@Check('import_issues_severity_check', `"severity" IN ('error', 'warning')`)
@Index('import_issues_job_id_idx', ['jobId', 'severity'])
export class ImportIssue {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId!: string;

  @ManyToOne(() => ImportJob, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'import_issues_job_id_fkey' })
  job?: ImportJob;

  @Column({ type: 'varchar', length: 7 })
  severity!: 'error' | 'warning';

  @Column({ type: 'text' })
  file!: string;

  /** 1-based line in the file (the header is line 1); null for a whole-file problem. */
  @Column({ type: 'integer', nullable: true })
  line!: number | null;

  @Column({ type: 'text', nullable: true })
  column!: string | null;

  /** The offending value, with patient identifiers masked. */
  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ type: 'text' })
  rule!: string;
}

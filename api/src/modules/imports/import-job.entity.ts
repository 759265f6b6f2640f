import { randomUUID } from 'node:crypto';
import { BeforeInsert, Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FhirJobReport, ImportFileSummary, ImportJobStatus } from '../../contract/data-quality.contract';

/** Per-file outcome of an import as recorded: the contract's summary, where the file came from and what its rows did. */
export interface ImportFileRecord extends ImportFileSummary {
  /** Where it came from: a path, or zip!entry. */
  origin: string;
  /** Of the rows applied, those new to the database and those that changed a stored row. */
  inserted: number;
  updated: number;
}

/** One import (CLI or upload): its progress, row counts and outcome. */
@Entity('import_jobs')
@Check('import_jobs_status_check', `"status" IN ('queued', 'running', 'succeeded', 'failed')`)
@Check('import_jobs_format_check', `"format" IN ('csv', 'fhir')`)
@Index('import_jobs_created_at_idx', ['createdAt'])
export class ImportJob {
  /** Made by the app (no database extension needed). */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @BeforeInsert()
  assignId(): void {
    this.id ??= randomUUID();
  }

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status!: ImportJobStatus;

  @Column({ type: 'varchar', length: 4, default: 'csv' })
  format!: 'csv' | 'fhir';

  /** Where the files came from: a path, an upload's file names. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'requested_by', type: 'text', nullable: true })
  requestedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'bytes_total', type: 'bigint', default: 0 })
  bytesTotal!: string;

  @Column({ name: 'bytes_read', type: 'bigint', default: 0 })
  bytesRead!: string;

  @Column({ name: 'rows_read', type: 'bigint', default: 0 })
  rowsRead!: string;

  @Column({ name: 'rows_applied', type: 'bigint', default: 0 })
  rowsApplied!: string;

  @Column({ name: 'error_count', type: 'integer', default: 0 })
  errorCount!: number;

  @Column({ name: 'warning_count', type: 'integer', default: 0 })
  warningCount!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  files!: ImportFileRecord[];

  /** Why the job failed as a whole (not a row error), e.g. an unreadable zip. */
  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  @Column({ name: 'fhir_report', type: 'jsonb', nullable: true })
  fhirReport!: FhirJobReport | null;
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MultipartFile } from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { failImportJob, failInterruptedImportJobs, findImportJob, openImportJob, releaseImportJob, runImportJob, type ImportJobRecord } from './extract-import';
import { isFhirInput, runFhirImportJob } from '../fhir-import/fhir-import';
import { listImportIssues, listImportJobs, type ImportIssuePage, type ImportIssueQuery } from './import-job-queries';
import { UPLOAD_LIMITS, sizeInWords } from './upload-limits';

export interface ImportJobDetail extends ImportJobRecord {
  issues: ImportIssuePage;
}

/** Thrown for an upload that cannot become an import (no files, a file over the size limit). */
export class UploadRejectedError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

const tooLarge = (filename: string): UploadRejectedError =>
  new UploadRejectedError(413, `${basename(filename)} is larger than the ${sizeInWords(UPLOAD_LIMITS.fileBytes)} upload limit: split the extract into its files, or import it with pcsp import on the server.`);

/** @fastify/multipart's limit errors, in words; anything else as it is. */
function uploadProblem(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_FILES_LIMIT') {
    return new UploadRejectedError(413, `At most ${UPLOAD_LIMITS.files} files in one upload: send a .zip of the extract's files instead.`);
  }
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge((error as { part?: { filename?: string } }).part?.filename ?? 'A file');
  return error;
}

/** What the flat extract and the FHIR import read (isFhirInput tells FHIR by .ndjson and .json). */
const UPLOADABLE = /\.(csv|zip|ndjson|json)$/i;

const safeName = (name: string): string => basename(name).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'upload';

/** Uploads become import jobs that run in the background; their files are deleted when the job ends. */
@Injectable()
export class ImportsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ImportsService.name);
  private readonly running = new Set<Promise<unknown>>();
  /** The last upload's import: the next starts after it, one at a time, since each draws several of the app's database connections. */
  private lastRun: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Saves the uploaded files (CSV files or zips), queues the job and starts it; answers with the queued job. */
  async upload(files: AsyncIterable<MultipartFile>, requestedBy: string | null): Promise<ImportJobRecord> {
    const dir = join(this.config.dataDir, 'uploads', randomUUID());
    await mkdir(dir, { recursive: true });
    const names: string[] = [];
    try {
      for await (const part of files) {
        if (!UPLOADABLE.test(part.filename)) {
          part.file.resume();
          throw new UploadRejectedError(
            400,
            `${basename(part.filename)} is not a file an import reads: upload CSV files of the extract (.csv), a .zip of them, or FHIR files (.ndjson, .json).`,
          );
        }
        let name = safeName(part.filename);
        // A second file of the same name is kept under another name, so the import reports it.
        while (names.includes(name)) name = `${name}.again`;
        await pipeline(part.file, createWriteStream(join(dir, name)));
        if (part.file.truncated) throw tooLarge(part.filename);
        names.push(name);
      }
      if (names.length === 0) throw new UploadRejectedError(400, 'Upload at least one file: CSV files of the extract, or a .zip of them.');
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw uploadProblem(error);
    }
    // FHIR input is told by its files: NDJSON of a bulk $export, or Bundles as .json.
    const fhir = await isFhirInput(names.map((n) => join(dir, n)));
    const job = await openImportJob(this.dataSource, `upload: ${names.join(', ')}`, requestedBy, fhir ? 'fhir' : 'csv');
    const start = () =>
      (fhir ? runFhirImportJob : runImportJob)(this.dataSource, job.id, names.map((n) => join(dir, n)), {
        pseudonymKey: this.config.pseudonymKey,
        requestedBy,
        // The upload's folder is the server's business: files are named as uploaded.
        originsRelativeTo: dir,
      });
    const run = this.lastRun
      .then(start)
      .then((done) => this.logger.log(`import ${done.id} ${done.status}: ${done.rowsApplied} of ${done.rowsRead} rows applied`))
      .catch(async (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.error(`import ${job.id} stopped: ${message}`);
        await failImportJob(this.dataSource, job.id, `the import stopped: ${message}`).catch(() => undefined);
      })
      .finally(() => Promise.all([rm(dir, { recursive: true, force: true }), releaseImportJob(job.id)]));
    this.lastRun = run;
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return job;
  }

  /** Jobs left queued or running by a process that stopped are marked failed (see failInterruptedImportJobs). */
  async onApplicationBootstrap(): Promise<void> {
    await this.failInterrupted();
  }

  async find(id: string, query: ImportIssueQuery): Promise<ImportJobDetail | undefined> {
    await this.failInterrupted();
    const job = await findImportJob(this.dataSource, id);
    if (!job) return undefined;
    return { ...job, issues: await listImportIssues(this.dataSource, id, query) };
  }

  async latest(limit: number): Promise<ImportJobRecord[]> {
    await this.failInterrupted();
    return listImportJobs(this.dataSource, limit);
  }

  /** Marks failed the jobs a stopped process left queued or running (also for the Data page's list of imports). */
  async failInterrupted(): Promise<void> {
    const failed = await failInterruptedImportJobs(this.dataSource);
    for (const id of failed) this.logger.warn(`import ${id} was left unfinished by a process that stopped: marked failed`);
  }

  /** Lets running imports finish (each file is one transaction) before the database goes away. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Resolves when every import started so far has ended (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}

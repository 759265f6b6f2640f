import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Client, Pool, type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { stageCsvFile, type FileIssue, type StageResult } from './csv-stager';
import { directLoad, directLoadNeeds, isDirectFile, type DirectFile, type DirectLoad, type LoadedKeys } from './direct-load';
import { EXTRACT_FILES, extractFileSpecs, isExtractFileName, type ExtractFileName, type ExtractFileSpec } from './extract-files';
import { ExtractSourceError, openExtractSources, type ExtractEntry } from './extract-sources';
import { applyUnits } from './apply-units';
import type { FhirJobReport, ImportJobStatus, ImportJobSummary } from '../../contract/data-quality.contract';
import type { ImportFileRecord } from './import-job.entity';
import {
  IMPORT_LOCK_KEY,
  FOREIGN_KEYS_SQL,
  INITIAL_LOAD_SQL,
  LAST_ID_SQL,
  NEXT_ID_SQL,
  MARK_SNAPSHOT_STALE_SQL,
  PRACTICE_CODES_SQL,
  MERGE_SQL,
  STAGE,
  REBUILDABLE_KEYS_SQL,
  UNREFERENCED_PRIMARY_KEY_SQL,
  STAGE_ORGS_SQL,
  TABLE_IS_EMPTY_SQL,
  TABLE_SIZE_SQL,
  TARGET_TABLES,
  copyIntoRecordTableSql,
  copyIntoStagingSql,
  createStagingSql,
  duplicateKeySql,
  hierarchyConflictSql,
  mergeOrganisationLevelSql,
  planAfterStoredReviewSql,
  registrationWarningsSql,
  reviewReferenceSql,
  unknownPatientSql,
  unknownPracticeSql,
  type CheckSql,
} from './import-merge.sql';
import { NhsNumberPseudonymiser, maskIdentifier } from './patient-identity';

/** A TypeORM data source (its pg pool is used) or a pg pool. */
export type ImportDatabase = DataSource | Pool;

export interface ImportProgress {
  jobId: string;
  /** The file being read, or null between files. */
  file: string | null;
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
}

export interface ImportExtractOptions {
  /** HMAC key for NHS number pseudonyms (config.pseudonymKey). */
  pseudonymKey: string;
  requestedBy?: string | null;
  /** What to call the source in the job (default: the paths). */
  source?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Seconds each step of each file took (for the benchmark). */
  onStep?: (file: ExtractFileName, step: 'stage' | 'check' | 'merge' | 'warnings', seconds: number) => void;
  /** Dates after this day (YYYY-MM-DD) are in the future; default: today, local time. */
  today?: string;
  /** Files of at least this many rows merge in bulk (see BULK_MERGE_ROWS); tests lower it. */
  bulkMergeRows?: number;
  /** Files' origins are their paths from this folder (an upload's), not from the root. */
  originsRelativeTo?: string;
  /** Longest line read, in bytes (default MAX_LINE_BYTES, 1 MiB); tests lower it. */
  maxLineBytes?: number;
  /** False: every file is staged, none loaded straight into an empty table (tests compare the two). */
  directLoads?: boolean;
  /** Errors found before staging (the FHIR import's mapping errors): each rejects its file. */
  preIssues?: Partial<Record<ExtractFileName, LocatedIssue[]>>;
  /** Names where an issue of a staged row really is (the FHIR import: resource, source file and path). */
  relocateIssue?: (file: ExtractFileName, issue: FileIssue) => LocatedIssue;
  /** Source files rejected before staging, with their errors (the FHIR import's unreadable files): listed and counted as rejected files. */
  rejectedSources?: { name: string; origin: string; issues: LocatedIssue[] }[];
  /**
   * Files applied together or not at all, in one transaction (the FHIR import's contract files made from the same
   * source files); a file in none is applied alone, as every file of a flat extract is.
   */
  applyTogether?: ExtractFileName[][];
  /** The errors of a file not applied only because files applied together with it (`rejected`) have errors. */
  whyNotApplied?: (file: ExtractFileName, rejected: ExtractFileName[]) => string[];
}

/** An issue that may name a file other than the one it was found in. */
export type LocatedIssue = FileIssue & { file?: string };

/** A job as the importer records it and `/api/imports` answers: the contract's summary, each file with its origin and inserted and updated rows. */
export interface ImportJobRecord extends ImportJobSummary {
  files: ImportFileRecord[];
  fhir: FhirJobReport | null;
}

/**
 * A merge of at least this many rows, and at least a fifth of the table, drops the table's foreign
 * keys and adds them back (validated by one join) in the same transaction, as PostgreSQL's
 * "Populating a Database" advises: the references were all checked just before, and checking
 * them row by row would cost more than the merge itself.
 */
const BULK_MERGE_ROWS = 50_000;

/**
 * Files read, staged, checked or merged at once, each on a connection of its own, held until the
 * file commits in the contract's order. On a first load every file after patients.csv can so be read
 * at once: with three, observations.csv (the largest) waited for registrations.csv to commit and was
 * then read alone at the end (20.0 s against 19.4 s for the 1.5 million patients' import).
 */
const FILES_IN_FLIGHT = 8;

/** A file's own savepoint in the transaction of files applied together. */
const FILE_SAVEPOINT = 'import_file';

/** Issues kept per file and severity; the rest are counted only. */
export const STORED_ISSUES_PER_FILE = 1000;
const PROGRESS_EVERY_MS = 300;

export const poolOf = (database: ImportDatabase): Pool =>
  database instanceof Pool ? database : ((database.driver as unknown as { master: Pool }).master);

export const localToday = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

interface JobRow {
  id: string;
  status: ImportJobStatus;
  format: ImportJobSummary['format'];
  source: string;
  requested_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  bytes_total: string;
  bytes_read: string;
  rows_read: string;
  rows_applied: string;
  error_count: number;
  warning_count: number;
  files: ImportFileRecord[];
  failure: string | null;
  fhir_report: FhirJobReport | null;
}

const toRecord = (row: JobRow): ImportJobRecord => ({
  id: row.id,
  status: row.status,
  format: row.format,
  source: row.source,
  requestedBy: row.requested_by,
  createdAt: row.created_at.toISOString(),
  startedAt: row.started_at?.toISOString() ?? null,
  finishedAt: row.finished_at?.toISOString() ?? null,
  bytesTotal: Number(row.bytes_total),
  bytesRead: Number(row.bytes_read),
  rowsRead: Number(row.rows_read),
  rowsApplied: Number(row.rows_applied),
  errorCount: row.error_count,
  warningCount: row.warning_count,
  files: row.files,
  failure: row.failure,
  fhir: row.fhir_report,
});

/**
 * Why a job whose process stopped (killed, or the machine went down) was marked failed. Each file (or each
 * set of files applied together) is its own transaction, and the job's list of files is saved just after each commit.
 */
export const INTERRUPTED_FAILURE =
  'interrupted: the process running this import stopped before it finished. Each file is applied in a transaction of its own ' +
  '(a FHIR import applies the files made from the same source files in one transaction): files listed as applied were committed, ' +
  'the files being applied as it stopped may have been committed without being listed, and no other file was. ' +
  'Import the files again to be sure: a file imported twice changes nothing the second time.';

/**
 * A job's lease: a session-level advisory lock, keyed by the job's id, held by a connection of its own
 * from the job's creation to its end. When the process dies, PostgreSQL ends its sessions and the lock
 * is free: a queued or running job whose lock can be taken has no process left to finish it. A status
 * alone cannot tell, since the server and `pcsp import` may run imports against one database at once.
 */
const leases = new Map<string, Client>();

/** The job's advisory lock key: the first 64 bits of its id (IMPORT_LOCK_KEY is one fixed key among 2^64). */
export const importJobLockKey = (id: string): string => BigInt.asIntN(64, BigInt(`0x${id.replaceAll('-', '').slice(0, 16)}`)).toString();

async function takeLease(pool: Pool, id: string): Promise<Client> {
  // Outside the pool: queued uploads must not hold connections the running import draws on.
  const lease = new Client(pool.options);
  lease.on('error', () => undefined);
  await lease.connect();
  try {
    await lease.query('SELECT pg_advisory_lock($1::bigint)', [importJobLockKey(id)]);
  } catch (error) {
    await lease.end().catch(() => undefined);
    throw error;
  }
  return lease;
}

/**
 * A queued job whose lease this process holds until releaseImportJob: what the upload and importExtract
 * make. The row is inserted once the lock is held, so no one sees it queued without its lease.
 */
export async function openImportJob(
  database: ImportDatabase,
  source: string,
  requestedBy: string | null = null,
  format: ImportJobSummary['format'] = 'csv',
): Promise<ImportJobRecord> {
  const id = randomUUID();
  const lease = await takeLease(poolOf(database), id);
  try {
    const { rows } = await lease.query<JobRow>(
      `INSERT INTO import_jobs (id, status, format, source, requested_by) VALUES ($1, 'queued', $4, $2, $3) RETURNING *`,
      [id, source, requestedBy, format],
    );
    leases.set(id, lease);
    return toRecord(rows[0]);
  } catch (error) {
    await lease.end().catch(() => undefined);
    throw error;
  }
}

/** Marks a queued or running job failed, for a run that threw (bad input never throws: it is recorded). */
export async function failImportJob(database: ImportDatabase, id: string, failure: string): Promise<void> {
  await poolOf(database).query(`UPDATE import_jobs SET status = 'failed', finished_at = now(), failure = $2 WHERE id = $1 AND status IN ('queued', 'running')`, [id, failure]);
}

/** Ends the lease openImportJob took (once the job has ended, or will not run). */
export async function releaseImportJob(id: string): Promise<void> {
  const lease = leases.get(id);
  leases.delete(id);
  await lease?.end().catch(() => undefined);
}

/**
 * Marks failed (INTERRUPTED_FAILURE) every queued or running job whose lease no session holds; returns
 * their ids. The snapshot is marked stale when one of them had started: it may have committed a file.
 */
export async function failInterruptedImportJobs(database: ImportDatabase): Promise<string[]> {
  const pool = poolOf(database);
  const { rows: open } = await pool.query<{ id: string }>(`SELECT id FROM import_jobs WHERE status IN ('queued', 'running')`);
  if (open.length === 0) return [];
  const failed: string[] = [];
  let started = false;
  const client = await pool.connect();
  try {
    for (const { id } of open) {
      const key = importJobLockKey(id);
      const { rows } = await client.query<{ free: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS free', [key]);
      if (!rows[0].free) continue;
      try {
        // Held while the row changes, so that no run can take the job meanwhile.
        const { rows: marked } = await client.query<{ started: boolean }>(
          `UPDATE import_jobs SET status = 'failed', finished_at = now(), failure = $2 WHERE id = $1 AND status IN ('queued', 'running')
           RETURNING started_at IS NOT NULL AS started`,
          [id, INTERRUPTED_FAILURE],
        );
        if (marked.length) failed.push(id);
        if (marked[0]?.started) started = true;
      } finally {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
      }
    }
    if (started) await client.query(MARK_SNAPSHOT_STALE_SQL);
  } finally {
    client.release();
  }
  return failed;
}

export async function findImportJob(database: ImportDatabase, id: string): Promise<ImportJobRecord | undefined> {
  const { rows } = await poolOf(database).query<JobRow>('SELECT * FROM import_jobs WHERE id = $1', [id]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/**
 * Imports a flat extract (folders, files or .zip files) into the records: what `pcsp import`,
 * the upload and `npm start`'s demo load run. Files are applied in the contract's order, each in
 * one transaction; a file with any error is not applied, and the later files still are (a row
 * naming a row of a rejected file is then an error of its own, as that row is not stored).
 */
export async function importExtract(database: ImportDatabase, paths: string[], options: ImportExtractOptions): Promise<ImportJobRecord> {
  const job = await openImportJob(database, options.source ?? paths.join(', '), options.requestedBy ?? null);
  try {
    return await runImportJob(database, job.id, paths, options);
  } finally {
    await releaseImportJob(job.id);
  }
}

/** Runs a job opened by openImportJob to the end; never throws for bad input, only records it. */
export async function runImportJob(
  database: ImportDatabase,
  jobId: string,
  paths: string[],
  options: ImportExtractOptions,
): Promise<ImportJobRecord> {
  return runImportJobOn(database, jobId, () => openExtractSources(paths, options.originsRelativeTo), options);
}

/** Runs a queued job over entries made by the caller (the FHIR import's contract files). */
export async function runImportJobOn(
  database: ImportDatabase,
  jobId: string,
  open: () => Promise<{ entries: ExtractEntry[]; close(): Promise<void> }>,
  options: ImportExtractOptions,
): Promise<ImportJobRecord> {
  const pool = poolOf(database);
  // A job running without its lease could be taken for interrupted by any process listing the jobs.
  if (!leases.has(jobId)) throw new Error(`import job ${jobId} is not open in this process: open it with openImportJob`);
  await new ImportRun(pool, jobId, options).execute(open);
  const job = await findImportJob(pool, jobId);
  if (!job) throw new Error(`import job ${jobId} disappeared`);
  return job;
}

type RecordFile = Exclude<ExtractFileName, 'practices.csv'>;

interface StagedFile {
  client: PoolClient;
  entry: ExtractEntry;
  spec: ExtractFileSpec;
  /** Its place in the order this import's files are applied (the contract's, files applied together kept next to each other). */
  order: number;
  summary: ImportFileRecord;
  issues: IssueCollector;
  result: StageResult | undefined;
  failure?: unknown;
  /** Bytes read into staging (taken back from the progress should its unit be applied again). */
  read: { bytes: number };
  /**
   * Read straight into its empty record table (a first load, see direct-load.ts): its dropped keys
   * being rebuilt, started as soon as its rows are in (so that the rebuild of one file runs while
   * others are read, not in the commit order); false if a key could not be rebuilt.
   */
  direct?: Promise<boolean>;
  /** The direct load's rows (registrations: kept for their warnings). */
  load?: DirectLoad;
  /** The direct load whose ids this one's references are (patients, or plans for reviews). */
  needs?: StagedFile;
  /** Committed as a direct load: the ids its keys were given are the stored ones. */
  directApplied?: boolean;
  /** Bytes the direct load read (taken back from the progress should the file be read again). */
  directBytes?: number;
}

interface RebuildableKey {
  kind: 'constraint' | 'index';
  name: string;
  definition: string;
}

/** A file of a unit: files applied in one transaction, those of each `group` (a set given to applyTogether) together or not at all. */
interface UnitMember {
  entry: ExtractEntry;
  spec: ExtractFileSpec;
  group: number;
  /** Its place in the order files are applied. */
  order: number;
}

class ImportRun {
  private readonly specs: Record<ExtractFileName, ExtractFileSpec>;
  private readonly pseudonymiser: NhsNumberPseudonymiser;
  private readonly files: ImportFileRecord[] = [];
  private readonly rejected = new Set<string>();
  private bytesTotal = 0;
  private bytesRead = 0;
  private rowsRead = 0;
  private rowsApplied = 0;
  private errorCount = 0;
  private warningCount = 0;
  private currentFile: string | null = null;
  private lastSaved = 0;
  private saving: Promise<void> | undefined;
  /** The direct loads of this import whose keys the files after them resolve their references with. */
  private loadedPatients: { file: StagedFile; keys: LoadedKeys } | undefined;
  private loadedPlans: { file: StagedFile; keys: LoadedKeys } | undefined;
  /** Direct loads tried, each with when its stage ends (see undoDirectLoadsNeeding). */
  private readonly directLoads: { file: StagedFile; staged: Promise<void> }[] = [];
  /** Per file whose keys others resolve with: resolved once they may (see stageDirect). */
  private readonly keysSettled = new Map<ExtractFileName, { promise: Promise<void>; resolve: () => void }>();

  constructor(
    private readonly pool: Pool,
    private readonly jobId: string,
    private readonly options: ImportExtractOptions,
  ) {
    this.specs = extractFileSpecs(options.today ?? localToday());
    this.pseudonymiser = new NhsNumberPseudonymiser(options.pseudonymKey);
  }

  async execute(open: () => Promise<{ entries: ExtractEntry[]; close(): Promise<void> }>): Promise<void> {
    let failure: string | null = null;
    let changed = 0;
    try {
      const sources = await open();
      try {
        const plan = await this.plan(sources.entries);
        this.bytesTotal = plan.reduce((sum, entry) => sum + entry.size, 0);
        await this.save(true);
        // A connection per file in flight: files are read and staged while the ones before them are
        // checked and merged, one after another in the contract's order (each file's checks run once
        // the file before it has committed, so they see its rows).
        const clients: PoolClient[] = [await this.pool.connect()];
        try {
          // Queued until no other import runs, on one connection: the others are taken only once it is this import's
          // turn, so that an import waiting its turn does not hold the pool the running one still draws on.
          await clients[0].query('SELECT pg_advisory_lock($1)', [IMPORT_LOCK_KEY]);
          try {
            while (clients.length < FILES_IN_FLIGHT) clients.push(await this.pool.connect());
            // Staging tables live in temporary buffers: the default 8 MB would spill a large file to disk.
            // (Only takes effect in a session that has not used a temporary table yet.)
            for (const client of clients) await client.query(`SET temp_buffers = '256MB'`);
            await this.pool.query(`UPDATE import_jobs SET status = 'running', started_at = now() WHERE id = $1`, [this.jobId]);
            changed = await this.importFiles(plan, clients);
            if (changed > 0) await clients[0].query(MARK_SNAPSHOT_STALE_SQL);
          } finally {
            await clients[0].query('SELECT pg_advisory_unlock($1)', [IMPORT_LOCK_KEY]);
          }
        } finally {
          for (const client of clients) client.release();
        }
      } finally {
        await sources.close();
      }
    } catch (error) {
      failure = error instanceof ExtractSourceError ? error.message : `the import stopped: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.currentFile = null;
    await this.save(true);
    const status: ImportJobStatus = failure === null && this.rejected.size === 0 ? 'succeeded' : 'failed';
    await this.saving;
    await this.pool.query(
      `UPDATE import_jobs SET status = $2, started_at = coalesce(started_at, now()), finished_at = now(), failure = $3, bytes_total = $4, bytes_read = $5, rows_read = $6,
         rows_applied = $7, error_count = $8, warning_count = $9, files = $10 WHERE id = $1`,
      [this.jobId, status, failure, this.bytesTotal, this.bytesRead, this.rowsRead, this.rowsApplied, this.errorCount, this.warningCount, JSON.stringify(this.files)],
    );
  }

  /**
   * Stages and finishes the files unit by unit (see applyUnits; a flat extract's files one by one in the contract's
   * order), one unit after another: each unit's first file is staged as soon as a connection is free and what it reads
   * with is there (a direct load needs the ids of its patients or plans, so it waits for their stage, and the
   * practices committed), so that two files are read at once while the one before them is merged, and both cores stay
   * busy. Returns the rows changed.
   */
  private async importFiles(plan: ExtractEntry[], clients: PoolClient[]): Promise<number> {
    const entries = new Map(plan.map((entry) => [entry.name, entry]));
    let order = 0;
    const units: UnitMember[][] = applyUnits(
      plan.map((entry) => this.specs[entry.name as ExtractFileName]),
      this.options.applyTogether ?? [],
    ).map((unit) => unit.map(({ spec, group }) => ({ entry: entries.get(spec.file) as ExtractEntry, spec, group, order: order++ })));
    const sequence = units.flat();
    const unitOf = units.flatMap((unit, u) => unit.map(() => u));
    const staged = sequence.map(() => signal());
    const done: Promise<number>[] = [];
    const at = (file: ExtractFileName) => sequence.findIndex((member) => member.spec.file === file);
    for (const [u, unit] of units.entries()) {
      const ready = (member: UnitMember): Promise<unknown> => {
        // What a file of the same unit reads is there already: staged, checked and merged just before it, in its transaction.
        const waits: Promise<unknown>[] = [];
        const practices = at('practices.csv');
        if (practices >= 0 && practices < member.order && unitOf[practices] !== u) waits.push(done[unitOf[practices]]);
        const needs = isDirectFile(member.spec.file) ? directLoadNeeds(member.spec.file) : null;
        const source = needs === 'patients' ? at('patients.csv') : needs === 'plans' ? at('care_plans.csv') : -1;
        // Once the keys it resolves with are settled, or the file that gives them is staged otherwise.
        if (source >= 0 && source < member.order && unitOf[source] !== u) waits.push(Promise.race([staged[source].promise, this.keysSettledOf(sequence[source].spec.file)]));
        return Promise.all(waits);
      };
      done[u] = this.applyUnit(unit, clients[u % clients.length], {
        free: u >= clients.length ? done[u - clients.length] : Promise.resolve(0),
        previous: u > 0 ? done[u - 1] : Promise.resolve(0),
        ready,
        staged: (member) => staged[member.order],
      });
    }
    // Every file settled before the connections are released, even should one fail.
    const outcomes = await Promise.allSettled(done);
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) {
      // A file staged but never finished (the file before it failed) still has its transaction open:
      // nothing of it is kept, and its connection goes back to the pool clean.
      for (const client of clients) await client.query('ROLLBACK').catch(() => undefined);
      throw failed.reason;
    }
    return outcomes.reduce((sum, outcome) => sum + (outcome.status === 'fulfilled' ? outcome.value : 0), 0);
  }

  /**
   * Applies a unit's files in one transaction on its connection, each staged once the one before it is finished
   * (checked, and merged when it has no error), and commits them when none has an error. Otherwise every file is
   * rolled back, and one with no error of its own says why (whyNotApplied); a unit holding several sets to apply
   * together (sets reading rows of each other) is then applied again without the sets that have an error, whose rows
   * the others may have read, until a try has none. Returns the rows changed.
   */
  private async applyUnit(
    unit: UnitMember[],
    client: PoolClient,
    turn: { free: Promise<number>; previous: Promise<number>; ready(member: UnitMember): Promise<unknown>; staged(member: UnitMember): Signal },
  ): Promise<number> {
    const together = unit.length > 1;
    const stage = async (member: UnitMember, opens: boolean): Promise<StagedFile> => {
      try {
        await turn.ready(member);
        const file = await this.stageFile(client, member.entry, member.spec, member.order, opens, together);
        turn.staged(member).resolve();
        return file;
      } catch (error) {
        turn.staged(member).reject(error);
        throw error;
      }
    };
    try {
      // The first file is read while the units before it are finished; the unit's checks wait for them to commit.
      const [first, previous] = await Promise.allSettled([turn.free.then(() => stage(unit[0], true)), turn.previous]);
      if (first.status === 'rejected') throw first.reason;
      if (previous.status === 'rejected') throw previous.reason;
      const excluded = new Set<number>();
      let early: StagedFile | undefined = first.value;
      for (;;) {
        const files: { member: UnitMember; file: StagedFile }[] = [];
        const failed = new Set<number>();
        let threw = false;
        let changed = 0;
        for (const member of unit) {
          if (excluded.has(member.group)) continue;
          const file = early ?? (await stage(member, files.length === 0));
          early = undefined;
          const outcome = await this.finishPart(file, together);
          files.push({ member, file });
          if (typeof outcome === 'number') {
            changed += outcome;
            continue;
          }
          threw ||= outcome === 'failed';
          failed.add(member.group);
          this.rejected.add(member.entry.name);
        }
        if (failed.size === 0) return (await this.commitUnit(client, files.map(({ file }) => file))) ? changed : 0;
        await this.rollBackUnit(client, files, failed, threw);
        const others = files.filter(({ member }) => !failed.has(member.group));
        if (others.length === 0) return 0;
        // Applied again without the rejected sets: rows of theirs these read are not stored after all.
        for (const { file } of others) this.forget(file);
        for (const group of failed) excluded.add(group);
      }
    } catch (error) {
      for (const member of unit) turn.staged(member).reject(error);
      throw error;
    } finally {
      // Files never staged (a set rejected before them): their stage is not waited for.
      for (const member of unit) turn.staged(member).resolve();
    }
  }

  /**
   * Commits a unit none of whose files has an error, and settles its files applied. Should the COMMIT fail, nothing of
   * the unit is kept: each file is given the failure as an error and settled not applied. Returns whether it committed.
   */
  private async commitUnit(client: PoolClient, files: StagedFile[]): Promise<boolean> {
    try {
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const rule = `could not be imported: ${error instanceof Error ? error.message : String(error)}`;
      for (const file of files) file.issues.add({ severity: 'error', line: null, column: null, value: null, rule });
      await this.undo(files);
      for (const file of files) await this.settle(file, false);
      await this.save(true);
      return false;
    }
    for (const file of files) await this.settle(file, true);
    await this.save(true);
    return true;
  }

  /**
   * Rolls back a unit in which a set has an error, and settles the files of the sets with an error not applied, those
   * with no error of their own saying why (whyNotApplied). A failed ROLLBACK is ignored only when a file's finish threw.
   */
  private async rollBackUnit(
    client: PoolClient,
    files: { member: UnitMember; file: StagedFile }[],
    failedGroups: Set<number>,
    finishThrew: boolean,
  ): Promise<void> {
    if (finishThrew) await client.query('ROLLBACK').catch(() => undefined);
    else await client.query('ROLLBACK');
    await this.undo(files.map(({ file }) => file));
    const rejected = (group: number) => files.filter(({ member, file }) => member.group === group && file.issues.errors > 0).map(({ member }) => member.spec.file);
    for (const { member, file } of files.filter(({ member }) => failedGroups.has(member.group))) {
      await this.settle(file, false, file.issues.errors > 0 ? [] : this.whyNotApplied(member.spec.file, rejected(member.group)));
    }
    await this.save(true);
  }

  private whyNotApplied(file: ExtractFileName, rejected: ExtractFileName[]): string[] {
    return this.options.whyNotApplied?.(file, rejected) ?? [`not applied: it is applied together with ${rejected.join(', ')}, which ${rejected.length === 1 ? 'was' : 'were'} rejected`];
  }

  /**
   * After a unit's rollback: its files' direct loads are gone, so are the keys the files after them took (see
   * undoDirectLoadsNeeding).
   */
  private async undo(files: StagedFile[]): Promise<void> {
    for (let i = this.directLoads.length - 1; i >= 0; i--) if (files.includes(this.directLoads[i].file)) this.directLoads.splice(i, 1);
    for (const file of files) await this.forgetKeysOf(file);
  }

  /** Takes back a file's counts from the progress, for it to be read again. */
  private forget(file: StagedFile): void {
    this.bytesRead -= file.read.bytes + (file.directBytes ?? 0);
    this.rowsRead -= file.summary.rowsRead;
    Object.assign(file.summary, { rowsRead: 0, rowsApplied: 0, inserted: 0, updated: 0 });
  }

  private keysSettledOf(file: ExtractFileName): Promise<void> {
    let settled = this.keysSettled.get(file);
    if (!settled) {
      let resolve = () => undefined as void;
      const promise = new Promise<void>((done) => {
        resolve = done;
      });
      settled = { promise, resolve };
      this.keysSettled.set(file, settled);
    }
    return settled.promise;
  }

  /** Known files in the contract's order; unknown and repeated names are errors of their own. */
  private async plan(entries: ExtractEntry[]): Promise<ExtractEntry[]> {
    const byName = new Map<ExtractFileName, ExtractEntry>();
    const problems: { entry: ExtractEntry; rule: string }[] = [];
    for (const entry of entries) {
      if (!isExtractFileName(entry.name) && /\.zip$/i.test(entry.name)) {
        const holder = entry.inFolder ? 'a folder' : 'a zip';
        problems.push({ entry, rule: `a .zip inside ${holder} is not opened: pass the zip itself, not ${holder} holding it` });
      } else if (!isExtractFileName(entry.name)) {
        problems.push({ entry, rule: `unknown file: an extract holds only ${EXTRACT_FILES.join(', ')}` });
      } else if (byName.has(entry.name)) {
        problems.push({ entry, rule: `${entry.name} is given more than once (also ${byName.get(entry.name)?.origin}): give one of each file` });
      } else {
        byName.set(entry.name, entry);
      }
    }
    for (const { entry, rule } of problems) {
      // A file in a zip's sub-folder keeps its path: sub/Readme.txt.
      const file = entry.path ?? entry.name;
      this.errorCount++;
      this.rejected.add(file);
      this.files.push({ ...emptySummary(entry), file, status: 'rejected', errors: 1 });
      await this.storeIssues(file, [{ severity: 'error', line: null, column: null, value: null, rule }]);
    }
    for (const source of this.options.rejectedSources ?? []) {
      const errors = source.issues.filter((issue) => issue.severity === 'error').length;
      this.errorCount += errors;
      this.rejected.add(source.name);
      this.files.push({ file: source.name, origin: source.origin, status: 'rejected', rowsRead: 0, rowsApplied: 0, inserted: 0, updated: 0, errors, warnings: 0 });
      await this.storeIssues(source.name, source.issues.slice(0, STORED_ISSUES_PER_FILE));
    }
    const plan = EXTRACT_FILES.flatMap((name) => byName.get(name) ?? []);
    for (const entry of plan) this.files.push(emptySummary(entry));
    return plan;
  }

  /**
   * Reads the file into its staging table, in the transaction it opens (`opens`) or its unit's; a file applied together
   * with others has a savepoint of its own, so that its error leaves the transaction usable for their checks.
   */
  private async stageFile(client: PoolClient, entry: ExtractEntry, spec: ExtractFileSpec, order: number, opens = true, together = false): Promise<StagedFile> {
    const summary = this.files.find((f) => f.file === entry.name && f.status === 'pending') as ImportFileRecord;
    const file: StagedFile = { client, entry, spec, order, summary, issues: new IssueCollector(), result: undefined, read: { bytes: 0 } };
    this.currentFile = entry.name;
    for (const issue of this.options.preIssues?.[spec.file] ?? []) file.issues.add(issue);
    try {
      if (opens) {
        await client.query('BEGIN');
        await client.query(`SET LOCAL work_mem = '128MB'`);
        await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
        // The other files keep every core busy: parallel workers would only add their merge to a key's build.
        await client.query(`SET LOCAL max_parallel_maintenance_workers = 0`);
      }
      if (together) await client.query(`SAVEPOINT ${FILE_SAVEPOINT}`);
      if (await this.stageDirect(file)) return file;
      await client.query(createStagingSql(spec));
      file.result = await this.timed(spec.file, 'stage', () => this.stage(client, entry, spec, file.issues, summary, undefined, undefined, file.read));
    } catch (error) {
      file.failure = error;
    }
    return file;
  }

  /**
   * A file into its empty record table (a first load): its checked rows are COPYed straight into
   * the table, references resolved in Node (see direct-load.ts), its unique keys and plain indexes
   * dropped (rebuilt as soon as its rows are in), so each row is written once instead of into staging and then
   * again by the merge. Any problem, or a header that cannot be read, undoes it and the file is read
   * again into staging, where the checks name every problem. False when the file cannot be loaded
   * so (a table not empty, the patients or plans it names not loaded directly by this import, keys
   * that cannot be dropped): the file is staged as usual.
   */
  private async stageDirect(file: StagedFile): Promise<boolean> {
    const directFile = file.spec.file;
    if (this.options.directLoads === false || !isDirectFile(directFile)) return false;
    // Registered before the keys it resolves with are read, in the same turn: undoing the loads that
    // took keys later refused then waits for this one too (see undoDirectLoadsNeeding).
    let staged = () => undefined as void;
    this.directLoads.push({ file, staged: new Promise<void>((done) => (staged = done)) });
    try {
      return await this.tryDirect(file, directFile);
    } finally {
      staged();
    }
  }

  private async tryDirect(file: StagedFile, directFile: DirectFile): Promise<boolean> {
    const { client, spec } = file;
    const table = TARGET_TABLES[directFile];
    const needs = directLoadNeeds(directFile);
    const source = needs === 'patients' ? this.loadedPatients : needs === 'plans' ? this.loadedPlans : undefined;
    if (needs !== null && source === undefined) return false;
    if (!(await client.query<{ empty: boolean }>(TABLE_IS_EMPTY_SQL(table))).rows[0].empty) return false;
    const practices = spec.columns.some((c) => c.name === 'practice_code')
      ? new Set((await client.query<{ code: string }>(PRACTICE_CODES_SQL)).rows.map((r) => r.code))
      : new Set<string>();
    const load = directLoad({ ...spec, file: directFile }, { patients: this.loadedPatients?.keys, plans: this.loadedPlans?.keys, practices });
    if (!load) return false;
    // The foreign keys stay: the rows' references were resolved from the rows they name. The primary
    // key goes too when no other table's foreign key needs it (all but patients and care_plans).
    const { rows: keys } = await client.query<RebuildableKey>(REBUILDABLE_KEYS_SQL, [table]);
    const { rows: primary } = await client.query<RebuildableKey>(UNREFERENCED_PRIMARY_KEY_SQL, [table]);
    const rebuilt = [...primary, ...keys.filter((k) => !(k.kind === 'constraint' && k.definition.startsWith('FOREIGN')))];
    await client.query('SAVEPOINT direct_load');
    try {
      // A foreign key's trigger would check each row's reference one by one, and lock the patient's
      // row, which the patients' still open transaction holds: as pg_restore --disable-triggers
      // does, they are not fired for rows whose references were resolved from the referenced rows
      // themselves (superusers only; otherwise the file is staged).
      if (needs !== null) await client.query(`SET LOCAL session_replication_role = replica`);
      await this.dropKeys(client, table, rebuilt);
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT direct_load');
      return false;
    }
    return this.loadDirect(file, load, table, rebuilt, source?.file);
  }

  /** stageDirect's COPY, once the file's keys are dropped: true, staged again should it fail. */
  private async loadDirect(file: StagedFile, load: DirectLoad, table: string, rebuilt: RebuildableKey[], needs: StagedFile | undefined): Promise<boolean> {
    const { client, spec } = file;
    // Taken only now, so that a load not tried leaves no gap in the ids.
    const firstId = Number((await client.query<{ id: string }>(NEXT_ID_SQL, [table])).rows[0].id);
    load.begin(firstId);
    const copySql = copyIntoRecordTableSql(table, load.columns);
    // A file whose keys others resolve with (patients, plans) is read into a file of COPY text first:
    // its keys are then settled, and the files that need them read, while PostgreSQL COPYs it.
    const spool = load.keys ? join(tmpdir(), `pcsp-spool-${this.jobId}-${spec.file}.copy`) : undefined;
    // Counted for this file alone: other files are read at the same time.
    const read = { bytes: 0 };
    let result: StageResult | undefined;
    try {
      result = await this.timed(spec.file, 'stage', async () => {
        const staged = await this.stage(client, file.entry, spec, file.issues, file.summary, copySql, load, read, spool);
        if (spool && staged.readable && !staged.abandoned && file.issues.errors === 0) {
          this.settleKeys(file, load, firstId);
          this.keysSettled.get(spec.file)?.resolve();
          await pipeline(createReadStream(spool, { highWaterMark: 1 << 20 }), client.query(copyFrom(copySql)));
        }
        return staged;
      });
    } catch {
      // A value the table refuses: read again into staging below.
    } finally {
      if (spool) await rm(spool, { force: true });
    }
    file.directBytes = read.bytes;
    if (result?.readable && !result.abandoned && file.issues.errors === 0) {
      // The sequence moves past the ids the load gave (not undone should the load be: a gap, as any).
      if (load.rows() > 0) await client.query(LAST_ID_SQL, [table, firstId + load.rows() - 1]);
      file.result = result;
      // Not awaited: the files that resolve with this one's keys need its ids, not its rebuilt keys.
      file.direct = this.timed(spec.file, 'merge', () => this.rebuildKeys(client, table, rebuilt)).then(
        () => true,
        () => false,
      );
      file.load = load;
      file.needs = needs;
      return true;
    }
    await this.restage(file);
    return true;
  }

  /**
   * Undoes, at once, the direct loads that resolved with the keys of a file being staged again: they
   * would be staged again anyway when they finish, and until then their transactions hold their
   * tables locked, which this file's checks may read (care_plans.csv's read care_plan_reviews).
   */
  private async undoDirectLoadsNeeding(file: StagedFile): Promise<void> {
    const needing = (load: StagedFile): boolean => load.needs !== undefined && (load.needs === file || needing(load.needs));
    for (const later of this.directLoads.filter((load) => load.file.order > file.order)) {
      await later.staged;
      if (later.file.direct === undefined || !needing(later.file)) continue;
      await later.file.direct;
      later.file.direct = Promise.resolve(false);
      await later.file.client.query('ROLLBACK TO SAVEPOINT direct_load');
    }
  }

  /**
   * Makes a direct load's keys (patients, plans) the ones the files after it resolve with, when they
   * were all kept (see LoadedKeys; otherwise those files are staged).
   */
  private settleKeys(file: StagedFile, load: DirectLoad, firstId: number): void {
    if (!load.keys?.settle(firstId, load.rows())) return;
    if (file.spec.file === 'patients.csv') this.loadedPatients = { file, keys: load.keys };
    else this.loadedPlans = { file, keys: load.keys };
  }

  /** Undoes a direct load and reads the file again into staging, with a fresh count of its rows and issues. */
  private async restage(file: StagedFile): Promise<void> {
    const { client, spec, summary } = file;
    await client.query('ROLLBACK TO SAVEPOINT direct_load');
    // Keys the files after it took (settled before its COPY, or its keys rebuilt, were refused).
    await this.forgetKeysOf(file);
    this.bytesRead -= file.directBytes ?? 0;
    file.directBytes = 0;
    this.rowsRead -= summary.rowsRead;
    summary.rowsRead = 0;
    file.direct = undefined;
    file.load = undefined;
    file.needs = undefined;
    file.issues = new IssueCollector();
    for (const issue of this.options.preIssues?.[spec.file] ?? []) file.issues.add(issue);
    await client.query(createStagingSql(spec));
    file.result = await this.timed(spec.file, 'stage', () => this.stage(client, file.entry, spec, file.issues, summary, undefined, undefined, file.read));
  }

  /** A file whose direct load is undone: the keys the files after it resolve with are not its own any more. */
  private async forgetKeysOf(file: StagedFile): Promise<void> {
    if (this.loadedPatients?.file !== file && this.loadedPlans?.file !== file) return;
    if (this.loadedPatients?.file === file) this.loadedPatients = undefined;
    if (this.loadedPlans?.file === file) this.loadedPlans = undefined;
    await this.undoDirectLoadsNeeding(file);
  }

  private async dropKeys(client: PoolClient, table: string, keys: RebuildableKey[]): Promise<void> {
    const constraints = keys.filter((k) => k.kind === 'constraint');
    if (constraints.length) await client.query(`ALTER TABLE ${table} ${constraints.map((k) => `DROP CONSTRAINT ${k.name}`).join(', ')}`);
    for (const index of keys.filter((k) => k.kind === 'index')) await client.query(`DROP INDEX ${index.name}`);
  }

  /** Adds back dropped keys: unique keys first, as foreign keys of other tables may need them. */
  private async rebuildKeys(client: PoolClient, table: string, keys: RebuildableKey[]): Promise<void> {
    const ordered = keys
      .filter((k) => k.kind === 'constraint')
      .sort((a, b) => Number(a.definition.startsWith('FOREIGN')) - Number(b.definition.startsWith('FOREIGN')));
    if (ordered.length) await client.query(`ALTER TABLE ${table} ${ordered.map((k) => `ADD CONSTRAINT ${k.name} ${k.definition}`).join(', ')}`);
    for (const index of keys.filter((k) => k.kind === 'index')) await client.query(index.definition);
  }

  /**
   * A direct load whose keys could not be rebuilt (a duplicate key) is undone, and the file staged
   * and checked in full. So is a load whose patients or plans were not, in the end, stored as they
   * were loaded (their file rejected or staged): the ids it wrote are not theirs.
   */
  private async finishDirect(file: StagedFile): Promise<boolean> {
    const rebuilt = await file.direct;
    if (!rebuilt || (file.needs !== undefined && file.needs.directApplied !== true)) {
      await this.restage(file);
      return false;
    }
    const rows = (file.result as StageResult).rowsStaged;
    file.summary.inserted = rows;
    file.summary.updated = 0;
    return true;
  }

  /**
   * Checks the staged rows against the stored ones and merges them if the file has no error, in its transaction (its
   * unit commits or rolls back): the rows changed, or `rejected` (an error) or `failed` (the import of it threw).
   */
  private async finishPart(file: StagedFile, together: boolean): Promise<number | 'rejected' | 'failed'> {
    const { client, spec, summary } = file;
    try {
      if (file.failure !== undefined) throw file.failure;
      const direct = file.direct !== undefined && (await this.finishDirect(file));
      // After finishDirect: a direct load undone there was read again with issues of its own.
      const issues = file.issues;
      const staged = file.result as StageResult;
      // A large first load is tried at once, its references being join conditions; should it not
      // store every staged row, it is undone and the file checked in full below.
      const loaded =
        direct ||
        (staged.readable && issues.errors === 0 && spec.file !== 'practices.csv' && staged.rowsStaged >= (this.options.bulkMergeRows ?? BULK_MERGE_ROWS)
          ? await this.timed(spec.file, 'merge', () => this.initialLoad(client, spec.file as RecordFile, staged.rowsStaged, summary))
          : false);
      if (staged.readable && !loaded) {
        await this.timed(spec.file, 'check', async () => {
          await client.query(`ANALYZE ${STAGE}`);
          await this.check(client, spec, staged.identity, issues);
        });
      }
      if (!staged.readable || issues.errors > 0) {
        if (together) await client.query(`ROLLBACK TO SAVEPOINT ${FILE_SAVEPOINT}; RELEASE SAVEPOINT ${FILE_SAVEPOINT}`);
        return 'rejected';
      }
      const changed = loaded ? summary.inserted : await this.timed(spec.file, 'merge', () => this.merge(client, spec, summary, staged.rowsStaged));
      if (spec.file === 'registrations.csv') {
        const loaded = direct ? file.load?.registrations : undefined;
        const patients = this.loadedPatients?.keys;
        await this.timed(spec.file, 'warnings', async () => {
          if (loaded && patients) {
            for (const warning of loaded.warnings((row) => patients.dayOfRow(row))) {
              issues.add({ severity: 'warning', line: warning.line, column: 'registered_on', value: warning.value, rule: warning.rule });
            }
          } else {
            await this.collect(client, registrationWarningsSql(), issues, 'warning');
          }
        });
      }
      if (together) {
        // The next file of the unit stages into a table of the same name, and runs as a file of its own would.
        await client.query(`RELEASE SAVEPOINT ${FILE_SAVEPOINT}; DROP TABLE IF EXISTS ${STAGE}`);
        const { rows } = await client.query<{ role: string }>(`SELECT current_setting('session_replication_role') AS role`);
        if (rows[0].role === 'replica') await client.query('SET LOCAL session_replication_role = DEFAULT');
      }
      // Its unit's next files may resolve with its ids; the files after the unit only once it has committed.
      if (direct) file.directApplied = true;
      return changed;
    } catch (error) {
      if (together) await client.query(`ROLLBACK TO SAVEPOINT ${FILE_SAVEPOINT}; RELEASE SAVEPOINT ${FILE_SAVEPOINT}`).catch(() => undefined);
      summary.inserted = 0;
      summary.updated = 0;
      file.issues.add({ severity: 'error', line: null, column: null, value: null, rule: `could not be imported: ${error instanceof Error ? error.message : String(error)}` });
      return 'failed';
    }
  }

  /** A file's outcome once its unit has committed or rolled back: its status, counts and issues (with `why`, errors saying why it is not applied). */
  private async settle(file: StagedFile, applied: boolean, why: string[] = []): Promise<void> {
    const { entry, summary } = file;
    if (applied) {
      summary.status = 'applied';
      summary.rowsApplied = (file.result as StageResult).rowsStaged;
      this.rowsApplied += summary.rowsApplied;
    } else {
      summary.status = 'rejected';
      summary.inserted = 0;
      summary.updated = 0;
      file.directApplied = false;
      this.rejected.add(entry.name);
      for (const rule of why) file.issues.add({ severity: 'error', file: entry.name, line: null, column: null, value: null, rule });
    }
    summary.errors = file.issues.errors;
    summary.warnings = file.issues.warnings;
    this.errorCount += file.issues.errors;
    this.warningCount += file.issues.warnings;
    await this.storeIssues(entry.name, file.issues.kept());
  }

  private async timed<T>(file: ExtractFileName, step: 'stage' | 'check' | 'merge' | 'warnings', run: () => Promise<T>): Promise<T> {
    const began = performance.now();
    const result = await run();
    this.options.onStep?.(file, step, (performance.now() - began) / 1000);
    return result;
  }

  private async stage(
    client: PoolClient,
    entry: ExtractEntry,
    spec: ExtractFileSpec,
    issues: IssueCollector,
    summary: ImportFileRecord,
    copySql = copyIntoStagingSql(spec),
    direct?: DirectLoad,
    read: { bytes: number } = { bytes: 0 },
    spool?: string,
  ) {
    // Into the table, or into a file of COPY text (readable by this user only) for it.
    const copy = spool ? createWriteStream(spool, { mode: 0o600 }) : client.query(copyFrom(copySql));
    let copyError: Error | undefined;
    copy.on('error', (error: Error) => {
      copyError = error;
    });
    const input = await entry.open();
    const result = await stageCsvFile(input, spec, this.pseudonymiser, {
      issue: (issue) => issues.add(issue),
      write: async (text) => {
        if (copyError) throw copyError;
        if (!copy.write(text)) {
          await new Promise<void>((resume) => {
            const done = () => {
              copy.off('drain', done);
              copy.off('error', done);
              resume();
            };
            copy.on('drain', done);
            copy.on('error', done);
          });
        }
        if (copyError) throw copyError;
      },
      bytes: (count) => {
        this.bytesRead += count;
        read.bytes += count;
      },
      rows: (count) => {
        this.rowsRead += count;
        summary.rowsRead += count;
        void this.save(false);
      },
    }, direct?.write, direct?.writeBytes, this.options.maxLineBytes).finally(() => {
      if (!input.destroyed) input.destroy();
    });
    await new Promise<void>((done, fail) => {
      if (copyError) {
        fail(copyError);
        return;
      }
      copy.once('finish', () => done());
      copy.once('error', fail);
      copy.end();
    });
    return result;
  }

  private rejectedNote(file: ExtractFileName): string {
    return this.rejected.has(file) ? ` (${file} of this import was rejected)` : '';
  }

  private async check(client: PoolClient, spec: ExtractFileSpec, identity: string | null, issues: IssueCollector): Promise<void> {
    const checks: CheckSql[] = [];
    if (spec.file === 'practices.csv') {
      await client.query(STAGE_ORGS_SQL);
      checks.push(hierarchyConflictSql());
    }
    checks.push(duplicateKeySql(spec.file, identity));
    if (spec.patientLevel && spec.file !== 'patients.csv') {
      checks.push(unknownPatientSql(identity ?? 'patient', `unknown patient: not in patients.csv of this import or an earlier one${this.rejectedNote('patients.csv')}`));
    }
    if (spec.file !== 'practices.csv' && spec.columns.some((c) => c.name === 'practice_code')) {
      checks.push(unknownPracticeSql(`unknown practice: not in practices.csv of this import or an earlier one${this.rejectedNote('practices.csv')}`));
    }
    if (spec.file === 'care_plan_reviews.csv') {
      checks.push(reviewReferenceSql(`unknown plan: not in care_plans.csv of this import or an earlier one${this.rejectedNote('care_plans.csv')}`));
    }
    if (spec.file === 'care_plans.csv') checks.push(planAfterStoredReviewSql());
    for (const check of checks) await this.collect(client, check, issues, 'error');
  }

  private async collect(client: PoolClient, check: CheckSql, issues: IssueCollector, severity: 'error' | 'warning'): Promise<void> {
    const room = Math.max(issues.room(severity), 1);
    const { rows } = await client.query<{ line: number; column: string | null; value: string | null; rule: string; total: string }>(check.sql, [
      room,
      ...check.params,
    ]);
    const total = rows.length ? Number(rows[0].total) : 0;
    for (const row of rows) {
      const value = row.value !== null && check.masked ? maskLeading(row.value) : row.value;
      issues.add({ severity, line: row.line, column: row.column, value, rule: row.rule });
    }
    issues.countOnly(severity, total - rows.length);
  }

  private async merge(client: PoolClient, spec: ExtractFileSpec, summary: ImportFileRecord, staged: number): Promise<number> {
    if (staged === 0) return 0;
    if (spec.file === 'practices.csv') {
      for (const level of ['region', 'icb', 'sub_icb', 'pcn', 'practice']) {
        const sql = mergeOrganisationLevelSql(level);
        summary.updated += (await client.query(sql.update)).rowCount ?? 0;
        summary.inserted += (await client.query(sql.insert)).rowCount ?? 0;
      }
    } else {
      const restore = await this.dropForeignKeysForBulk(client, TARGET_TABLES[spec.file], staged);
      const { rows } = await client.query<{ inserted: number; updated: number }>(MERGE_SQL[spec.file]);
      summary.inserted = rows[0].inserted;
      summary.updated = rows[0].updated;
      if (restore) await client.query(restore);
    }
    return summary.inserted + summary.updated;
  }

  /**
   * A large file into an empty table (a first load) is inserted with the table's unique keys,
   * foreign keys and plain indexes dropped, then rebuilt in the same transaction (PostgreSQL's
   * "Populating a Database"): each rebuild sorts once instead of inserting row by row, and
   * re-checks uniqueness and references as it goes.
   */
  private async initialLoad(client: PoolClient, file: RecordFile, staged: number, summary: ImportFileRecord): Promise<boolean> {
    const table = TARGET_TABLES[file];
    if (!(await client.query<{ empty: boolean }>(TABLE_IS_EMPTY_SQL(table))).rows[0].empty) return false;
    // Without statistics the planner takes the staged rows for a few hundred once joined to the
    // practices, and looks each one's patient up in the index (1.5 million probes) instead of one hash
    // join. organisations is too small for autovacuum ever to analyse it (50 rows and 10% changed).
    await client.query(`ANALYZE ${STAGE}`);
    await client.query('ANALYZE organisations');
    const { rows: keys } = await client.query<RebuildableKey>(REBUILDABLE_KEYS_SQL, [table]);
    await client.query('SAVEPOINT initial_load');
    try {
      await this.dropKeys(client, table, keys);
    } catch {
      // Not the table's owner: the ordinary merge.
      await client.query('ROLLBACK TO SAVEPOINT initial_load');
      return false;
    }
    try {
      const inserted = (await client.query(INITIAL_LOAD_SQL[file])).rowCount ?? 0;
      if (inserted !== staged) throw new Error('a staged row names no stored row');
      await this.rebuildKeys(client, table, keys);
      summary.inserted = inserted;
      summary.updated = 0;
      return true;
    } catch {
      // A broken reference or a duplicate key: the full checks will name it.
      await client.query('ROLLBACK TO SAVEPOINT initial_load');
      return false;
    }
  }

  /** Drops the foreign keys for a large merge; returns the statement that adds them back, if dropped. */
  private async dropForeignKeysForBulk(client: PoolClient, table: string, staged: number): Promise<string | undefined> {
    if (staged < (this.options.bulkMergeRows ?? BULK_MERGE_ROWS)) return undefined;
    const size = Number((await client.query<{ rows: string }>(TABLE_SIZE_SQL, [table])).rows[0]?.rows ?? 0);
    if (staged * 5 < size) return undefined;
    const { rows: keys } = await client.query<{ name: string; definition: string }>(FOREIGN_KEYS_SQL, [table]);
    if (keys.length === 0) return undefined;
    await client.query('SAVEPOINT bulk_merge');
    try {
      await client.query(`ALTER TABLE ${table} ${keys.map((k) => `DROP CONSTRAINT ${k.name}`).join(', ')}`);
    } catch {
      // Not the table's owner: merge with the foreign keys in place.
      await client.query('ROLLBACK TO SAVEPOINT bulk_merge');
      return undefined;
    }
    return `ALTER TABLE ${table} ${keys.map((k) => `ADD CONSTRAINT ${k.name} ${k.definition}`).join(', ')}`;
  }

  private async storeIssues(file: string, given: LocatedIssue[]): Promise<void> {
    const relocate = this.options.relocateIssue;
    const issues: LocatedIssue[] = relocate && isExtractFileName(file) ? given.map((issue) => (issue.file === undefined ? relocate(file, issue) : issue)) : given;
    for (let start = 0; start < issues.length; start += 500) {
      const batch = issues.slice(start, start + 500);
      await this.pool.query(
        `INSERT INTO import_issues (job_id, severity, file, line, "column", value, rule)
         SELECT $1, severity, file, line, "column", value, rule
         FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $2::text[]) AS i(severity, line, "column", value, rule, file)`,
        [
          this.jobId,
          batch.map((i) => i.file ?? file),
          batch.map((i) => i.severity),
          batch.map((i) => i.line),
          batch.map((i) => i.column),
          batch.map((i) => i.value),
          batch.map((i) => i.rule),
        ],
      );
    }
  }

  /** Progress to the caller at once and to the job row at most every PROGRESS_EVERY_MS. */
  private save(force: boolean): Promise<void> {
    this.options.onProgress?.({
      jobId: this.jobId,
      file: this.currentFile,
      bytesRead: this.bytesRead,
      bytesTotal: this.bytesTotal,
      rowsRead: this.rowsRead,
    });
    const now = Date.now();
    if (!force && (this.saving || now - this.lastSaved < PROGRESS_EVERY_MS)) return Promise.resolve();
    this.lastSaved = now;
    const previous = this.saving ?? Promise.resolve();
    const saving = previous
      .then(() =>
        this.pool.query(
          `UPDATE import_jobs SET bytes_total = $2, bytes_read = $3, rows_read = $4, rows_applied = $5, error_count = $6,
             warning_count = $7, files = $8 WHERE id = $1`,
          [this.jobId, this.bytesTotal, this.bytesRead, this.rowsRead, this.rowsApplied, this.errorCount, this.warningCount, JSON.stringify(this.files)],
        ),
      )
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => {
        if (this.saving === saving) this.saving = undefined;
      });
    this.saving = saving;
    return saving;
  }
}

interface Signal {
  promise: Promise<void>;
  resolve(): void;
  reject(reason: unknown): void;
}

/** A promise settled from outside (the first settling counts); its rejection needs no handler. */
function signal(): Signal {
  let resolve = () => undefined as void;
  let reject = (_reason: unknown) => undefined as void;
  const promise = new Promise<void>((done, fail) => {
    resolve = done;
    reject = fail;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

const emptySummary = (entry: ExtractEntry): ImportFileRecord => ({
  file: entry.name,
  origin: entry.origin,
  status: 'pending',
  rowsRead: 0,
  rowsApplied: 0,
  inserted: 0,
  updated: 0,
  errors: 0,
  warnings: 0,
});

/** Masks the patient identifier leading a value (a key may follow it after ", "). */
function maskLeading(value: string): string {
  const cut = value.indexOf(', ');
  return cut === -1 ? maskIdentifier(value) : `${maskIdentifier(value.slice(0, cut))}${value.slice(cut)}`;
}

/** Every issue is counted; the first STORED_ISSUES_PER_FILE of each severity are kept, reported in line order. */
class IssueCollector {
  errors = 0;
  warnings = 0;
  private readonly stored: LocatedIssue[] = [];
  private storedErrors = 0;
  private storedWarnings = 0;

  add(issue: LocatedIssue): void {
    if (issue.severity === 'error') {
      this.errors++;
      if (this.storedErrors >= STORED_ISSUES_PER_FILE) return;
      this.storedErrors++;
    } else {
      this.warnings++;
      if (this.storedWarnings >= STORED_ISSUES_PER_FILE) return;
      this.storedWarnings++;
    }
    this.stored.push(issue);
  }

  countOnly(severity: 'error' | 'warning', count: number): void {
    if (severity === 'error') this.errors += count;
    else this.warnings += count;
  }

  room(severity: 'error' | 'warning'): number {
    return STORED_ISSUES_PER_FILE - (severity === 'error' ? this.storedErrors : this.storedWarnings);
  }

  kept(): LocatedIssue[] {
    return [...this.stored].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
}

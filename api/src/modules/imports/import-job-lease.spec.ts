import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import {
  INTERRUPTED_FAILURE,
  failInterruptedImportJobs,
  findImportJob,
  importJobLockKey,
  openImportJob,
  releaseImportJob,
} from './extract-import';

describe('jobs left unfinished by a process that stopped', () => {
  jest.setTimeout(60_000);
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pcsp_import_lease');
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** A job row as a process that ran it left it. */
  const leftAs = async (status: string, started: boolean): Promise<string> => {
    const id = randomUUID();
    await database.dataSource.query(`INSERT INTO import_jobs (id, status, source, started_at) VALUES ($1, $2, 'test', ${started ? 'now()' : 'NULL'})`, [id, status]);
    return id;
  };
  /** Another session, as another process running the job would hold it. */
  const holdLock = async (id: string): Promise<Client> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query('SELECT pg_advisory_lock($1::bigint)', [importJobLockKey(id)]);
    return client;
  };
  const stateOf = async (id: string) => {
    const job = await findImportJob(database.dataSource, id);
    return { status: job?.status, finished: job?.finishedAt !== null, failure: job?.failure };
  };
  const snapshotStale = async (): Promise<boolean | undefined> =>
    ((await database.dataSource.query('SELECT stale FROM snapshot_state WHERE id = 1')) as { stale: boolean }[])[0]?.stale;

  it('marks failed a running or queued job whose lock no session holds, and leaves one whose lock is held running', async () => {
    const dead = await leftAs('running', true);
    const deadQueued = await leftAs('queued', false);
    const alive = await leftAs('running', true);
    const done = await leftAs('succeeded', true);
    const holder = await holdLock(alive);
    try {
      expect((await failInterruptedImportJobs(database.dataSource)).sort()).toEqual([dead, deadQueued].sort());
      expect(await stateOf(dead)).toEqual({ status: 'failed', finished: true, failure: INTERRUPTED_FAILURE });
      expect(await stateOf(deadQueued)).toEqual({ status: 'failed', finished: true, failure: INTERRUPTED_FAILURE });
      expect(await stateOf(alive)).toEqual({ status: 'running', finished: false, failure: null });
      expect(await stateOf(done)).toEqual({ status: 'succeeded', finished: false, failure: null });
      // The dead running job had started: a file of it may have been committed.
      expect(await snapshotStale()).toBe(true);
      // Asked again while the holder lives: nothing more.
      expect(await failInterruptedImportJobs(database.dataSource)).toEqual([]);
    } finally {
      await holder.end();
    }
    // Its holder gone (the process ended): now it is failed.
    expect(await failInterruptedImportJobs(database.dataSource)).toEqual([alive]);
    expect(await stateOf(alive)).toEqual({ status: 'failed', finished: true, failure: INTERRUPTED_FAILURE });
  });

  it('leaves a job made by openImportJob queued while its lease is held, and marks it failed once released unfinished', async () => {
    const job = await openImportJob(database.dataSource, 'test upload');
    try {
      expect(await failInterruptedImportJobs(database.dataSource)).toEqual([]);
      expect(await stateOf(job.id)).toEqual({ status: 'queued', finished: false, failure: null });
    } finally {
      await releaseImportJob(job.id);
    }
    expect(await failInterruptedImportJobs(database.dataSource)).toEqual([job.id]);
  });

  it('does not mark the snapshot stale for jobs that never started', async () => {
    await database.dataSource.query('INSERT INTO snapshot_state (id, stale) VALUES (1, false) ON CONFLICT (id) DO UPDATE SET stale = false');
    const queued = await leftAs('queued', false);
    expect(await failInterruptedImportJobs(database.dataSource)).toEqual([queued]);
    expect(await snapshotStale()).toBe(false);
  });
});

import { readSnapshotPointer, type SnapshotPointer } from '@pcsp/analytics';
import { createServer } from 'node:net';
import { loadConfig, type AppConfig } from '../../../api/src/config/app-config';
import { refreshAnalytics, snapshotDirOf } from '../../../api/src/modules/refresh/analytics-refresh';
import { openTempDir, removeTempDirs, runCli } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/**
 * A refresh whose copy out of Postgres fails, through refreshAnalytics (as the API and `pcsp refresh` run it): the
 * message stored in snapshot_state.last_error and thrown says which step and table failed and what to do, without
 * Postgres's or Node's own text, which the error keeps as its detail (for the log); the snapshot built before keeps serving.
 */

// One practice, one patient with a plan in 2024-01 and a training row (copied last, being the smallest table).
const RECORDS_SQL = `
INSERT INTO organisations VALUES ('Y01', 'Region', 'region', NULL), ('A00001', 'Practice', 'practice', 'Y01');
INSERT INTO patients OVERRIDING SYSTEM VALUE VALUES (1, 'p1', '1960-06-15', 'F', 'white', 3, NULL);
INSERT INTO registrations OVERRIDING SYSTEM VALUE VALUES (1, 1, 'A00001', '2020-01-01', NULL);
INSERT INTO conditions OVERRIDING SYSTEM VALUE VALUES (1, 1, 'DM', NULL, '2015-01-01', NULL);
INSERT INTO care_plans OVERRIDING SYSTEM VALUE VALUES (1, 'plan1', 1, 'A00001', '2024-01-15', NULL, NULL, NULL, NULL);
INSERT INTO training OVERRIDING SYSTEM VALUE VALUES (1, 'A00001', '2023-06-30', 'Year of Care', 2);
`;

const AS_OF = new Date('2024-06-10');

/** A port nothing listens on (one the system just gave out and took back). */
const closedPort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

describe('a refresh whose copy out of Postgres fails', () => {
  jest.setTimeout(120_000);
  let database: TestDatabase;
  let cwd: string;
  let config: AppConfig;
  let first: SnapshotPointer;
  let serving: string;

  beforeAll(async () => {
    database = await createTestDatabase('pcsp_refresh_failures');
    await database.dataSource.query(RECORDS_SQL);
    cwd = openTempDir('pcsp-refresh-failures-');
    config = loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent' }, cwd);
    first = (await refreshAnalytics(database.dataSource, config, { pgUrl: database.url, asOf: AS_OF })).pointer;
    serving = `the snapshot built at ${first.builtAt} keeps serving`;
  });
  afterAll(async () => {
    await database?.drop();
    removeTempDirs();
  });

  const lastError = async () => ((await database.dataSource.query('SELECT last_error FROM snapshot_state')) as { last_error: string | null }[])[0].last_error;
  const refresh = (pgUrl = database.url) => refreshAnalytics(database.dataSource, config, { pgUrl, asOf: AS_OF });

  it('names the server that refused the connection', async () => {
    const port = await closedPort();
    const expected =
      `snapshot refresh failed (${serving}): copying the records from PostgreSQL failed: PostgreSQL at 127.0.0.1:${port} refused ` +
      'the connection; check that the database server is running, then refresh again';
    await expect(refresh(`postgres://postgres:test@127.0.0.1:${port}/pcsp`)).rejects.toMatchObject({
      message: expected,
      detail: expect.stringContaining(`ECONNREFUSED 127.0.0.1:${port}`),
    });
    await expect(lastError()).resolves.toBe(expected);
    expect(readSnapshotPointer(snapshotDirOf(config))).toEqual(first);
  });

  it('names a record table missing from the database, through refreshAnalytics and pcsp refresh', async () => {
    await database.dataSource.query('ALTER TABLE training RENAME TO training_elsewhere');
    try {
      const expected =
        `snapshot refresh failed (${serving}): copying table training from PostgreSQL failed: table training does not exist in ` +
        'the database; apply the migrations (pcsp migrate), then refresh again';
      await expect(refresh()).rejects.toMatchObject({ message: expected, detail: expect.stringContaining('relation "training" does not exist') });
      await expect(lastError()).resolves.toBe(expected);

      // The command prints the detail as a line of its log, then the message, and exits 1.
      const run = runCli(['refresh', '--as-of', '2024-06-10'], { cwd, env: { DATABASE_URL: database.url, DATA_DIR: 'data', LOG_LEVEL: 'silent' } });
      const failed: { code: number; stderr: string } = await run.then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      const lines = failed.stderr.trimEnd().split('\n');
      expect([failed.code, lines[lines.length - 1]]).toEqual([1, `pcsp: ${expected}`]);
      expect(failed.stderr).toContain('relation "training" does not exist');
      await expect(lastError()).resolves.toBe(expected);
    } finally {
      await database.dataSource.query('ALTER TABLE training_elsewhere RENAME TO training');
    }
    expect(readSnapshotPointer(snapshotDirOf(config))).toEqual(first);
  });

  it('says the connection was lost when the server ends it in the middle of the copy', async () => {
    // training becomes a view whose date column ends its own backend's connection as the copy reads the first row
    // (pg_terminate_backend: FATAL 57P01, as when the server is shut down or an administrator ends the session).
    await database.dataSource.query(`
      ALTER TABLE training RENAME TO training_kept;
      CREATE FUNCTION end_my_connection() RETURNS date LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN DATE '2023-06-30'; END $$;
      CREATE VIEW training AS SELECT id, practice_code, end_my_connection() AS trained_on, programme, staff_trained FROM training_kept;`);
    try {
      const expected =
        `snapshot refresh failed (${serving}): copying table training from PostgreSQL failed: the connection to PostgreSQL was ` +
        'lost; check that the database server is running, then refresh again';
      await expect(refresh()).rejects.toMatchObject({
        message: expected,
        detail: expect.stringContaining('terminating connection due to administrator command'),
      });
      await expect(lastError()).resolves.toBe(expected);
    } finally {
      await database.dataSource.query(`
        DROP VIEW training;
        DROP FUNCTION end_my_connection();
        ALTER TABLE training_kept RENAME TO training;`);
    }
    expect(readSnapshotPointer(snapshotDirOf(config))).toEqual(first);
  });
});

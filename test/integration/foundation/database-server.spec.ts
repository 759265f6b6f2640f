import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../../../api/src/database/migrations';
import { openTempDir, removeTempDirs, runCli, spawnCli } from '../../support/cli';
import { createEmptyDatabase } from '../../support/test-database';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const postmasterAlive = (dataDir: string): boolean => {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(removeTempDirs);

const URL_LINE = /PostgreSQL is running: (postgres:\/\/pcsp:[^@\s]+@127\.0\.0\.1:(\d+)\/pcsp)/;

describe('the embedded PostgreSQL server', () => {
  jest.setTimeout(120_000);

  it('starts under DATA_DIR on a free port, is reused by other commands, stops cleanly on Ctrl-C, and keeps its data', async () => {
    const cwd = openTempDir('pcsp-embedded-');
    const env = { DATA_DIR: 'install-a' };
    const db = spawnCli(['db'], { cwd, env });
    try {
      const [, url] = await db.waitFor(URL_LINE);
      expect(db.output()).toContain(`Creating the embedded PostgreSQL cluster in ${join(cwd, 'install-a', 'postgres')}`);
      await query(url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');

      // A command run while the server is up reuses it and leaves it running.
      const migrate = await runCli(['migrate'], { cwd, env });
      expect(migrate.stderr).toMatch(/Reusing the embedded PostgreSQL already running on port \d+\nApplied InitialSchema/);
      expect(await query(url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    } finally {
      // Stopped whatever failed above, so that a failure cannot leave a server holding the test run open.
      expect(await db.stop('SIGINT')).toBe(0);
    }
    expect(db.output()).toContain('Stopped cleanly.');
    expect(postmasterAlive(join(cwd, 'install-a'))).toBe(false);

    // With nothing running, a command starts the server for itself, stops it after, and the data is still there.
    const again = await runCli(['migrate'], { cwd, env });
    expect(again.stderr).toMatch(/Started the embedded PostgreSQL on port \d+\nThe database is up to date\./);
    expect(again.stderr).not.toContain('Creating');
    expect(postmasterAlive(join(cwd, 'install-a'))).toBe(false);
  });

  it('lets two installs live side by side, each with its own data directory and server', async () => {
    const cwd = openTempDir('pcsp-side-by-side-');
    const a = spawnCli(['db'], { cwd, env: { DATA_DIR: 'a' } });
    const b = spawnCli(['db'], { cwd, env: { DATA_DIR: 'b' } });
    try {
      const [[, urlA, portA], [, urlB, portB]] = await Promise.all([a.waitFor(URL_LINE), b.waitFor(URL_LINE)]);
      expect(portA).not.toBe(portB);
      await query(urlA, 'CREATE TABLE only_in_a (n int)');
      expect(await query(urlB, `SELECT to_regclass('only_in_a') AS t`)).toEqual([{ t: null }]);
    } finally {
      expect(await a.stop()).toBe(0);
      expect(await b.stop()).toBe(0);
    }
  });
});

describe('DATABASE_URL', () => {
  jest.setTimeout(120_000);

  it('points every command at a separately started server and starts no embedded one', async () => {
    // The jest run's server was started separately (test/support/global-setup.mjs), as a deployment's would be.
    const database = await createEmptyDatabase('pcsp_external');
    const cwd = openTempDir('pcsp-external-');
    try {
      const { stderr } = await runCli(['migrate'], { cwd, env: { DATABASE_URL: database.url, DATA_DIR: 'data' } });
      const names = MIGRATIONS.map((migration) => migration.name);
      expect(stderr).toBe(`Applied ${names.join(', ')}.\n`);
      const applied = await query<{ name: string }>(database.url, 'SELECT name FROM migrations ORDER BY id');
      expect(applied.map((row) => row.name)).toEqual(names);
      expect(existsSync(join(cwd, 'data', 'postgres'))).toBe(false);
    } finally {
      await database.drop();
    }
  });

  it('refuses a malformed DATABASE_URL before touching anything, naming the setting', async () => {
    const cwd = openTempDir('pcsp-bad-url-');
    await expect(runCli(['migrate'], { cwd, env: { DATABASE_URL: 'mysql://x/y', DATA_DIR: 'data' } })).rejects.toMatchObject({
      code: 78,
      stderr: 'Invalid configuration:\n  - DATABASE_URL: must be a URL like postgres://user:password@host:5432/database\n',
    });
    expect(existsSync(join(cwd, 'data', 'postgres'))).toBe(false);
  });
});

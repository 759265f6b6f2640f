import { Client } from 'pg';
import { freePort } from '../database/database-server';
import { MIGRATIONS } from '../database/migrations';
import { openTempDir, removeTempDirs, runCli } from '../../../test/support/cli';
import { createEmptyDatabase } from '../../../test/support/test-database';

async function appliedMigrations(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

afterAll(removeTempDirs);

describe('a command on a database not migrated yet', () => {
  jest.setTimeout(120_000);

  it('applies the pending migrations as start does, then runs (pcsp users list)', async () => {
    const database = await createEmptyDatabase('pcsp_h5_unmigrated');
    const cwd = openTempDir('pcsp-h5-unmigrated-');
    const env = { DATABASE_URL: database.url, DATA_DIR: 'data', LOG_LEVEL: 'silent' };
    try {
      const first = await runCli(['users', 'list'], { cwd, env });
      // Every migration at once (7 today), then the list of a database with no user: nothing on stdout.
      expect(first.stderr).toBe(`Applied ${MIGRATIONS.length} migrations.\n`);
      expect(first.stdout).toBe('');
      expect(await appliedMigrations(database.url)).toEqual(MIGRATIONS.map((migration) => migration.name));

      const second = await runCli(['users', 'list'], { cwd, env });
      expect(second.stderr).toBe('');
    } finally {
      await database.drop();
    }
  });
});

describe('an unreachable DATABASE_URL', () => {
  jest.setTimeout(60_000);
  // Port 1 (tcpmux) has no listener here: the connection is refused at once.
  const env = { DATABASE_URL: 'postgres://pcsp:hunter2-secret@127.0.0.1:1/pcsp', DATA_DIR: 'data', LOG_LEVEL: 'silent' };

  it.each([
    ['a command (pcsp users list)', ['users', 'list']],
    ['pcsp start', ['start']],
  ])('%s names DATABASE_URL and its host:port, never the password', async (_name, args) => {
    const cwd = openTempDir('pcsp-h5-unreachable-');
    // start would listen on PORT once connected: a free one, so that only the database can fail.
    await expect(runCli(args, { cwd, env: { ...env, PORT: String(await freePort()) } })).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'pcsp: Cannot connect to the PostgreSQL server of DATABASE_URL at 127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1\n',
    });
  });
});

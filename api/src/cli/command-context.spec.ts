import { Client } from 'pg';
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
